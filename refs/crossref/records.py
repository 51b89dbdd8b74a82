"""Turn a raw Crossref work record into a ``Work``, with its authors and notices.

Crossref's schema has many shapes: list-valued titles (possibly empty or
missing), ``[[null]]`` dates, organisation authors with only ``name``,
``family: "-"`` placeholders, HTML and JATS markup in titles and abstracts,
article numbers as pages. Clean text is stored beside the original.
"""

from __future__ import annotations

import html
import re
from typing import Any

from refs.model import MetadataSource, Person, UpdateRelation, Work, WorkUpdate
from refs.text import doi as doi_mod

_TAG = re.compile(r"<[^>]+>")
_JATS_ABSTRACT_TITLE = re.compile(r"^\s*<jats:title>\s*abstract\s*</jats:title>", re.IGNORECASE)
_BLOCK_END = re.compile(r"</(?:jats:)?(?:p|title|sec|list-item|label)>", re.IGNORECASE)

def clean_markup(value: str | None) -> str | None:
    """Text of an HTML/JATS fragment: tags dropped, entities decoded, whitespace folded."""
    if value is None:
        return None
    text = _JATS_ABSTRACT_TITLE.sub("", value)
    text = _BLOCK_END.sub(lambda m: m.group(0) + " ", text)
    text = html.unescape(_TAG.sub("", text))
    text = " ".join(text.split())
    return text or None


def first_text(value: Any) -> str | None:
    """The first non-empty string of a Crossref list field (or the string itself)."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list):
        for item in value:
            if isinstance(item, str) and item.strip():
                return item.strip()
    return None


def date_parts(value: Any) -> list[int]:
    """``{"date-parts": [[2020, 8, 17]]}`` as [2020, 8, 17]; ``[[null]]`` as []."""
    if not isinstance(value, dict):
        return []
    parts = value.get("date-parts")
    if not isinstance(parts, list) or not parts or not isinstance(parts[0], list):
        return []
    out: list[int] = []
    for part in parts[0]:
        if not isinstance(part, int):
            break
        out.append(part)
    return out


def _iso(parts: list[int]) -> str | None:
    if not parts:
        return None
    return "-".join([f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:3])])


def _orcid(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    found = re.search(r"(\d{4}-\d{4}-\d{4}-\d{3}[\dX])", value)
    return found.group(1) if found else None


def _authors(items: Any) -> list[Person]:
    authors: list[Person] = []
    if not isinstance(items, list):
        return authors
    for item in items:
        if not isinstance(item, dict):
            continue
        family = (item.get("family") or "").strip() or None
        given = (item.get("given") or "").strip() or None
        name = (item.get("name") or "").strip() or None
        if family in {"-", "–"}:
            # A placeholder family name: the whole name sits in "given".
            family, name = None, name or given
            given = None
        if family is None and name is None:
            if given is None:
                continue
            name, given = given, None
        authors.append(Person(family=family, given=given, name=name, orcid=_orcid(item.get("ORCID"))))
    return authors


def _updates(message: dict[str, Any]) -> list[WorkUpdate]:
    updates: list[WorkUpdate] = []
    for relation in ("updated-by", "update-to"):
        for item in message.get(relation) or []:
            if not isinstance(item, dict):
                continue
            updates.append(WorkUpdate(
                relation=UpdateRelation(relation),
                update_type=str(item.get("type") or "unknown"),
                notice_doi=doi_mod.normalize(str(item.get("DOI") or "")),
                label=item.get("label"),
                source=item.get("source"),
                date=_iso(date_parts(item.get("updated"))),
            ))
    relations = message.get("relation")
    if isinstance(relations, dict):
        for kind, targets in relations.items():
            if not any(word in kind for word in ("retract", "correct", "concern", "withdraw")):
                continue
            for target in targets if isinstance(targets, list) else []:
                if isinstance(target, dict):
                    updates.append(WorkUpdate(
                        relation=UpdateRelation.RELATION, update_type=kind,
                        notice_doi=doi_mod.normalize(str(target.get("id") or "")),
                        label=None, source=target.get("asserted-by"), date=None,
                    ))
    return updates


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def parse(message: dict[str, Any]) -> Work:
    """Parse one work record (the ``message`` of ``/works/{doi}``, or an item of a list)."""
    doi = doi_mod.normalize(str(message.get("DOI") or ""))
    if doi is None:
        raise ValueError("Crossref record without a valid DOI")
    title_raw = first_text(message.get("title"))
    issued = date_parts(message.get("issued"))
    printed = date_parts(message.get("published-print"))
    online = date_parts(message.get("published-online"))
    year_parts = issued or printed or online
    page = first_text(message.get("page"))
    article_number = first_text(message.get("article-number"))
    abstract_raw = message.get("abstract") if isinstance(message.get("abstract"), str) else None
    isbn = message.get("ISBN")
    issn = message.get("ISSN")
    return Work(
        doi=doi,
        type=first_text(message.get("type")),
        title=clean_markup(title_raw),
        title_raw=title_raw,
        subtitle=clean_markup(first_text(message.get("subtitle"))),
        container=clean_markup(first_text(message.get("container-title"))),
        short_container=clean_markup(first_text(message.get("short-container-title"))),
        year=year_parts[0] if year_parts else None,
        issued=_iso(issued),
        print_year=printed[0] if printed else None,
        volume=first_text(message.get("volume")),
        issue=first_text(message.get("issue")),
        pages=page or article_number,
        article_number=article_number,
        issn="; ".join(i for i in issn if isinstance(i, str)) if isinstance(issn, list) and issn else None,
        isbn="; ".join(i for i in isbn if isinstance(i, str)) if isinstance(isbn, list) and isbn else None,
        publisher=first_text(message.get("publisher")),
        publisher_place=first_text(message.get("publisher-location")),
        url=doi_mod.to_url(doi),
        cited_by_count=_int(message.get("is-referenced-by-count")),
        abstract=clean_markup(abstract_raw),
        abstract_raw=abstract_raw,
        authors=_authors(message.get("author")),
        updates=_updates(message),
        metadata_source=MetadataSource.CROSSREF,
    )
