"""Pandoc and Manubot citations in Markdown drafts: ``[@doi:10.1000/xyz]``, ``[see @smith2015, p. 3; @pmid:1]``.

Many scientists write drafts this way and let pandoc build the reference list, so a draft has
citations but no list. Each distinct key, in order of first citation, becomes a reference entry,
numbered as it would be in a numbered style, and each citation in the text becomes the numeric
marker of its keys (``[1, 2]``), so claims link to sources as in any numbered article. A Manubot key
names its work (``doi:``, ``pmid:``, ``pmcid:``, ``arxiv:``, ``url:``, ``isbn:``); any other key is
looked up in the draft's bibliography (BibTeX or CSL-JSON, named with ``--bibliography`` or in the
front matter). A key found nowhere is reported as dangling, never guessed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from refs.errors import InputError
from refs.model import FieldMethod, Person, RefEntry
from refs.text import doi as doi_mod

# A bracketed group (bounded, one line); it is a citation when it holds @keys.
_GROUP = re.compile(r"\[([^\[\]\n]{1,2000}+)\]")
# A key: after a non-word character, "@" then a braced key or word characters with inner punctuation.
_KEY = re.compile(r"(?<![\w@])-?@(?:\{([^{}\n]{1,2000}+)\}|(\w[\w:.#$%&+?<>~/=-]{0,2000}+))")
_TRAILING = ".,:;?!)"
MANUBOT = ("doi", "pmid", "pmcid", "arxiv", "url", "isbn", "wikidata")


@dataclass
class Citations:
    """The keys a draft cites, in order of first citation, and the text with numeric markers."""

    text: str
    keys: list[str] = field(default_factory=list)


def _key(match: re.Match[str]) -> str:
    return match.group(1) or match.group(2).rstrip(_TRAILING)


def is_manubot(key: str) -> bool:
    prefix, _, value = key.partition(":")
    return bool(value) and prefix.lower() in MANUBOT


def replace(text: str, known: set[str] | None = None) -> Citations:
    """``text`` with every pandoc citation replaced by numeric markers. Bracketed citations always count;
    an in-text ``@key`` only when it is a Manubot key or in the bibliography (``known``), so that e-mail
    addresses and handles stay text."""
    order: dict[str, int] = {}

    def number(key: str) -> int:
        return order.setdefault(key, len(order) + 1)

    def group(match: re.Match[str]) -> str:
        keys = [_key(found) for found in _KEY.finditer(match.group(1))]
        if not keys:
            return match.group()
        return "[" + ", ".join(str(number(key)) for key in dict.fromkeys(keys)) + "]"

    def bare(match: re.Match[str]) -> str:
        key = _key(match)
        if is_manubot(key) or (known is not None and key in known):
            return "[" + str(number(key)) + "]" + match.group()[len(match.group().rstrip(_TRAILING)):]
        return match.group()

    replaced = _GROUP.sub(group, text)
    # In-text citations are outside brackets; a second pass sees the markers just written as text.
    pieces = re.split(r"(\[[\d, ]+\])", replaced)
    replaced = "".join(piece if index % 2 else _KEY.sub(bare, piece) for index, piece in enumerate(pieces))
    return Citations(replaced, list(order))


# -- bibliographies -------------------------------------------------------------------------------


def _latex(value: str) -> str:
    from pylatexenc.latex2text import LatexNodes2Text

    return " ".join(str(LatexNodes2Text().latex_to_text(value)).split())


def _bibtex(path: Path) -> dict[str, dict[str, Any]]:
    from pybtex.database import parse_file
    from pybtex.scanner import PybtexError

    try:
        data = parse_file(str(path), bib_format="bibtex")
    except (PybtexError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: not a readable BibTeX file ({error})") from None
    out: dict[str, dict[str, Any]] = {}
    for key, entry in data.entries.items():
        fields = {name.lower(): _latex(value) for name, value in entry.fields.items()}
        people = []
        for person in entry.persons.get("author", []) or entry.persons.get("editor", []):
            family = _latex(" ".join(person.prelast_names + person.last_names))
            given = _latex(" ".join(person.first_names + person.middle_names))
            # A braced name ("{World Health Organization}") is an organisation.
            if not given and len(person.last_names) == 1 and person.last_names[0].startswith("{"):
                people.append(Person(name=family))
            else:
                people.append(Person(family=family or None, given=given or None))
        year = re.search(r"\d{4}", fields.get("year") or fields.get("date") or "")
        out[key] = {
            "authors": people, "year": int(year.group()) if year else None, "title": fields.get("title"),
            "container": fields.get("journal") or fields.get("journaltitle") or fields.get("booktitle"),
            "volume": fields.get("volume"), "issue": fields.get("number"),
            "pages": (fields.get("pages") or "").replace("--", "-").replace("–", "-") or None,
            "doi": fields.get("doi"), "url": fields.get("url"), "pmid": fields.get("pmid"),
            "publisher": fields.get("publisher") or fields.get("school") or fields.get("institution"),
            "place": fields.get("address") or fields.get("location"),
            "kind": "book" if entry.type.lower() in ("book", "incollection", "inbook") else
            "web" if entry.type.lower() in ("online", "misc") and fields.get("url") and not fields.get("doi")
            else "article",
        }
    return out


def _csl(path: Path) -> dict[str, dict[str, Any]]:
    try:
        items = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"{path}: not a readable CSL-JSON file ({error})") from None
    if isinstance(items, dict):
        items = [items]
    if not isinstance(items, list):
        raise InputError(f"{path}: CSL-JSON must be a list of items")
    out: dict[str, dict[str, Any]] = {}
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str | int):
            continue
        people = [Person(name=a["literal"]) if a.get("literal") else
                  Person(family=a.get("family"), given=a.get("given"))
                  for a in item.get("author") or [] if isinstance(a, dict)]
        parts = (item.get("issued") or {}).get("date-parts") or [[None]]
        year = parts[0][0] if parts and parts[0] and isinstance(parts[0][0], int) else None
        kind = {"article-journal": "article", "book": "book", "chapter": "book", "webpage": "web"}.get(
            str(item.get("type")), "article")
        out[str(item["id"])] = {
            "authors": people, "year": year, "title": item.get("title"), "container": item.get("container-title"),
            "volume": item.get("volume"), "issue": item.get("issue"), "pages": item.get("page"),
            "doi": item.get("DOI"), "url": item.get("URL"), "pmid": item.get("PMID"), "kind": kind,
            "publisher": item.get("publisher"), "place": item.get("publisher-place"),
        }
    return out


def read_bibliography(path: Path) -> dict[str, dict[str, Any]]:
    """Works by citation key from a ``.bib`` (BibTeX/BibLaTeX) or ``.json`` (CSL-JSON) file."""
    if not path.is_file():
        raise InputError(f"{path}: no such bibliography file")
    return _csl(path) if path.suffix.lower() in (".json", ".csljson") else _bibtex(path)


@dataclass(frozen=True)
class Bibliography:
    """A bibliography file, read once, and its works by citation key."""

    path: Path
    works: dict[str, dict[str, Any]]

    @classmethod
    def read(cls, path: Path) -> Bibliography:
        return cls(path, read_bibliography(path))


# -- entries --------------------------------------------------------------------------------------


def _as_text(fields: dict[str, Any]) -> str:
    """A reference as a reader would print it (Vancouver-like), for the entry's raw text."""
    people = fields["authors"]
    names = ", ".join(p.name or " ".join(x for x in (p.family, p.given) if x) for p in people[:6])
    parts = [names + ("." if names else ""), (fields.get("title") or "") + ("." if fields.get("title") else ""),
             (fields.get("container") or "") + ("." if fields.get("container") else "")]
    when = str(fields.get("year") or "")
    if fields.get("volume"):
        when += f";{fields['volume']}" + (f"({fields['issue']})" if fields.get("issue") else "")
    if fields.get("pages"):
        when += f":{fields['pages']}"
    parts.append(when + "." if when else "")
    if fields.get("doi"):
        parts.append(f"doi:{fields['doi']}")
    elif fields.get("url"):
        parts.append(str(fields["url"]))
    return " ".join(p for p in parts if p)


def entry_for(key: str, bibliography: dict[str, dict[str, Any]]) -> RefEntry | None:
    """The reference entry a key names, or None when it names nothing (a dangling key)."""
    if key in bibliography:
        fields = bibliography[key]
        doi = doi_mod.normalize(str(fields["doi"])) if fields.get("doi") else None
        entry = RefEntry(raw=_as_text(fields), style="bibliography", kind=fields["kind"], authors=fields["authors"],
                         year=fields["year"], title=fields["title"], container=fields["container"],
                         volume=fields["volume"], issue=fields["issue"], pages=fields["pages"], doi=doi,
                         url=fields["url"], pmid=fields["pmid"], publisher=fields["publisher"],
                         place=fields["place"])
        entry.methods = {name: FieldMethod.BIBLIOGRAPHY for name in ("authors", "year", "title", "container",
                                                                     "volume", "issue", "pages", "doi", "url",
                                                                     "publisher", "place")
                         if getattr(entry, name)}
        return entry
    prefix, _, value = key.partition(":")
    prefix = prefix.lower()
    if not value or prefix not in MANUBOT:
        return None
    entry = RefEntry(raw=key, style="citation-key", kind="article")
    if prefix == "doi":
        entry.doi = doi_mod.normalize(value)
        if entry.doi is None:
            return None
        entry.raw = f"doi:{entry.doi}"
    elif prefix == "pmid" and value.isdigit():
        entry.pmid = value
    elif prefix == "pmcid":
        entry.pmcid = value.upper() if value.upper().startswith("PMC") else f"PMC{value}"
    elif prefix == "arxiv":
        # arXiv's DOIs are registered with DataCite, which Crossref cannot answer for: kept as its page.
        entry.kind, entry.url = "web", f"https://arxiv.org/abs/{value}"
    elif prefix == "url":
        entry.kind, entry.url = "web", value
    elif prefix == "isbn":
        entry.kind = "book"
    else:  # wikidata, a PMID that is not a number
        entry.kind = "other"
    entry.methods = {name: FieldMethod.CITATION_KEY for name in ("doi", "url", "pmid", "pmcid")
                     if getattr(entry, name)}
    return entry
