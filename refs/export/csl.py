"""One mapping from what the ledger knows about a work to a CSL item, the model every export is written from.

A work with a Crossref record is mapped from the raw record (so nothing the record holds is lost on the
way: subtitles, editors, name suffixes, title markup, event, language, short container title, series,
ISBN apart from ISSN); a work known only from a reference is mapped from the fields parsed out of it.
The mapping follows what Crossref's own CSL output and Zotero's Crossref import keep. Titles are CSL rich
text (``<i>``, ``<sup>``...); writers of other formats convert them with ``refs.export.markup``.
"""

from __future__ import annotations

from typing import Any

import refs.export.markup as markup
from refs.crossref.records import date_parts as date_parts_of
from refs.crossref.records import first_text
from refs.model import Person, Work

# Crossref type -> CSL 1.0.1 type (the vendored schema's list). A journal or a journal issue has no CSL
# 1.0.1 type of its own; "article-journal" keeps its journal, volume and issue where styles print them.
TYPES = {
    "journal-article": "article-journal", "journal-issue": "article-journal", "journal-volume": "article-journal",
    "journal": "article-journal", "book": "book", "monograph": "book", "edited-book": "book",
    "reference-book": "book", "book-set": "book", "book-series": "book", "proceedings": "book",
    "book-chapter": "chapter", "book-section": "chapter", "book-part": "chapter", "book-track": "chapter",
    "reference-entry": "entry", "proceedings-article": "paper-conference", "dissertation": "thesis",
    "report": "report", "report-series": "report", "report-component": "report", "standard": "report",
    "dataset": "dataset", "database": "dataset", "posted-content": "article", "peer-review": "article",
    "component": "article", "other": "article",
}
_KINDS = {"article": "article-journal", "book": "book", "web": "webpage"}
_DATE_FIELDS = ("issued", "published-print", "published-online", "published", "posted")


def _texts(value: Any) -> list[str]:
    return [item.strip() for item in value if isinstance(item, str) and item.strip()] if isinstance(value, list) \
        else []


def rich(value: str | None) -> str | None:
    """A Crossref title (HTML/JATS/MathML inline markup) as CSL rich text."""
    if not value:
        return None
    return markup.csl(markup.parse(value)) or None


def as_rich(text: str | None) -> str | None:
    """Plain text as CSL rich text (its ``&``, ``<`` and ``>`` escaped)."""
    return text.replace("&", "&#38;").replace("<", "&#60;").replace(">", "&#62;") if text else text


def joined_title(title: str | None, subtitle: str | None) -> str | None:
    """Title and subtitle as one title, the way Crossref's CSL output and citation styles print them."""
    if not title or not subtitle or subtitle.casefold() in title.casefold():
        return title or subtitle
    separator = " " if title.rstrip()[-1:] in ":?!." else ": "
    return title.rstrip() + separator + subtitle


def _name(person: Any) -> dict[str, str] | None:
    """A Crossref contributor as a CSL name; a placeholder family ("-") leaves the given name alone."""
    if not isinstance(person, dict):
        return None
    family = (person.get("family") or "").strip()
    given = (person.get("given") or "").strip()
    literal = (person.get("name") or "").strip()
    suffix = (person.get("suffix") or "").strip()
    if family in {"-", "–"}:
        family = ""
    if family:
        out = {"family": family}
        if given:
            out["given"] = given
        if suffix:
            out["suffix"] = suffix
        return out
    if literal:
        return {"literal": literal}
    if given:
        return {"given": given}
    return None


def _names(value: Any) -> list[dict[str, str]]:
    if not isinstance(value, list):
        return []
    return [name for name in (_name(person) for person in value) if name]


def _date(message: dict[str, Any]) -> list[int]:
    for field in _DATE_FIELDS:
        parts = date_parts_of(message.get(field))
        if parts:
            return parts[:3]
    return []


def _typed(message: dict[str, Any], field: str, kinds: tuple[str, ...]) -> str | None:
    """The first identifier of ``field`` ("ISBN"/"ISSN"), preferring the kinds given (print first)."""
    typed = message.get(field.lower() + "-type")
    if isinstance(typed, list):
        for kind in kinds:
            for item in typed:
                if isinstance(item, dict) and item.get("type") == kind and isinstance(item.get("value"), str):
                    return str(item["value"])
    return first_text(message.get(field))


def from_record(message: dict[str, Any]) -> dict[str, Any]:
    """The CSL item for a raw Crossref work record (without ``id``)."""
    crossref_type = first_text(message.get("type"))
    item: dict[str, Any] = {"type": TYPES.get(crossref_type or "", "article")}
    title = joined_title(rich(first_text(message.get("title"))), rich(first_text(message.get("subtitle"))))
    if title:
        item["title"] = title
    short_title = rich(first_text(message.get("short-title")))
    if short_title:
        item["title-short"] = short_title
    for role in ("author", "editor", "translator"):
        names = _names(message.get(role))
        if names:
            item[role] = names
    containers = [text for text in (rich(text) for text in _texts(message.get("container-title"))) if text]
    if item["type"] == "book" and containers:
        # A book's "container" in Crossref is the series it belongs to (as Zotero reads it too).
        item["collection-title"] = containers[0]
    elif containers:
        item["container-title"] = containers[0]
        if len(containers) > 1:
            item["collection-title"] = containers[1]  # a chapter of a book in a series: the series second
    short = first_text(message.get("short-container-title"))
    if short:
        item["container-title-short"] = short
    event = message.get("event")
    if isinstance(event, dict):
        if first_text(event.get("name")):
            item["event"] = rich(first_text(event.get("name")))
        if first_text(event.get("location")):
            item["event-place"] = first_text(event.get("location"))
    for source, target in (("volume", "volume"), ("issue", "issue"), ("publisher", "publisher"),
                           ("publisher-location", "publisher-place"), ("language", "language")):
        value = first_text(message.get(source))
        if value:
            item[target] = value
    page = first_text(message.get("page")) or first_text(message.get("article-number"))
    if page:
        item["page"] = page
    if isinstance(message.get("edition-number"), str | int) and str(message["edition-number"]).strip():
        item["edition"] = str(message["edition-number"]).strip()
    if crossref_type == "posted-content" and first_text(message.get("subtype")):
        item["genre"] = str(first_text(message.get("subtype"))).replace("_", " ").capitalize()
    if crossref_type == "peer-review":
        # CSL's "review" is a review of a book or film; styles print its reviewed title, which a peer
        # review's record does not give (APA then repeats the title as "[Review of ...]").
        item["genre"] = "Peer review"
    if crossref_type in ("dissertation", "report") and first_text(message.get("institution", {}).get("name")
                                                              if isinstance(message.get("institution"), dict)
                                                              else None):
        item.setdefault("publisher", first_text(message["institution"].get("name")))
    isbn = _typed(message, "ISBN", ("print", "electronic"))
    issn = _typed(message, "ISSN", ("print", "electronic"))
    if isbn:
        item["ISBN"] = isbn
    if issn:
        item["ISSN"] = issn
    doi = first_text(message.get("DOI"))
    if doi:
        item["DOI"] = doi
        item["URL"] = "https://doi.org/" + doi
    parts = _date(message)
    if parts:
        item["issued"] = {"date-parts": [parts]}
    return item


def _person(person: Person) -> dict[str, str]:
    if person.name:
        return {"literal": person.name}
    return {k: v for k, v in (("family", person.family), ("given", person.given)) if v}


def from_work(work: Work) -> dict[str, Any]:
    """The CSL item for a work known from its reference text (or a record no longer cached)."""
    item: dict[str, Any] = {"type": TYPES.get(work.type or "", "") or _KINDS.get(work.kind, "article")}
    if work.authors:
        item["author"] = [_person(person) for person in work.authors]
    title = joined_title(rich(work.title_raw) or as_rich(work.title), as_rich(work.subtitle))
    for name, value in (("title", title), ("container-title", as_rich(work.container)),
                        ("container-title-short", work.short_container), ("volume", work.volume),
                        ("issue", work.issue), ("page", work.pages), ("publisher", work.publisher),
                        ("publisher-place", work.publisher_place),
                        ("DOI", work.doi), ("URL", work.url or (f"https://doi.org/{work.doi}" if work.doi else None)),
                        ("ISSN", _one(work.issn)), ("ISBN", _one(work.isbn))):
        if value:
            item[name] = value
    year, month, day = work.date_parts
    if year:
        item["issued"] = {"date-parts": [[p for p in (year, month, day) if p]]}
    return item


def _one(value: str | None) -> str | None:
    return value.split(";")[0].strip() if value else None


def year(item: dict[str, Any]) -> int | None:
    parts = item.get("issued", {}).get("date-parts", [[]])
    return parts[0][0] if parts and parts[0] else None


def date_parts(item: dict[str, Any]) -> list[int]:
    parts = item.get("issued", {}).get("date-parts", [[]])
    return list(parts[0]) if parts and parts[0] else []


def plain(text: str | None) -> str | None:
    """CSL rich text as plain Unicode text (for RIS, CSV and keys)."""
    return markup.plain(markup.parse(text)) if text else text
