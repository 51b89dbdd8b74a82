"""Write RIS (the tagged format Zotero, EndNote and Mendeley import), from each entry's CSL item, with the
types and tags Zotero's RIS import reads as meant: the journal in T2 (JO would be read as the
abbreviation, which J2 carries), a conference paper's proceedings title in C3 and the conference in T2,
an ISBN for books and chapters and an ISSN for serials in SN, editors in A2 for a part of a book, ED otherwise, plain
Unicode titles (``10⁶ cells``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import refs.export.csl as csl
from refs.export.entries import Entry

# RIS type by CSL type; a book with editors and no authors is an edited book.
_TYPES = {
    "article-journal": "JOUR", "book": "BOOK", "chapter": "CHAP", "entry": "ENCYC", "entry-encyclopedia": "ENCYC",
    "entry-dictionary": "DICT", "paper-conference": "CPAPER", "thesis": "THES", "report": "RPRT",
    "dataset": "DATA", "webpage": "ELEC", "article": "ELEC", "review": "ELEC",
}
# A posted article is a preprint or working paper (UNPB) unless its genre says otherwise (a peer review).
_UNPUBLISHED = {"Preprint", "Working paper"}
_PARTS = {"CHAP", "ENCYC", "DICT", "CPAPER"}
_BOOKISH = {"BOOK", "EDBOOK", *_PARTS}


def ris_type(item: dict[str, Any]) -> str:
    kind = _TYPES.get(item.get("type", ""), "GEN")
    if kind == "BOOK" and item.get("editor") and not item.get("author"):
        return "EDBOOK"
    if item.get("type") == "article" and item.get("genre", "Preprint") in _UNPUBLISHED:
        return "UNPB"
    return kind


def _line(tag: str, value: str | int | None) -> str | None:
    if value is None or value == "":
        return None
    return f"{tag}  - {' '.join(str(value).split())}"


def _name(name: dict[str, str]) -> str:
    if "literal" in name:
        return name["literal"]
    return ", ".join(p for p in (name.get("family"), name.get("given"), name.get("suffix")) if p)


def format_entry(entry: Entry) -> str:
    item = entry.item
    kind = ris_type(item)
    lines: list[str | None] = [_line("TY", kind), _line("ID", entry.key)]
    lines += [_line("AU", _name(n)) for n in item.get("author", [])]
    if kind == "EDBOOK":
        # In an edited book, AU are the editors (RIS specification; Zotero and citation-js read them so).
        lines += [_line("AU", _name(n)) for n in item.get("editor", [])]
    else:
        # Editors of the book a part is in are A2 (Zotero, citation-js); of anything else, ED (the RIS
        # editor tag: a book's A2 would be read as its series editor).
        lines += [_line("A2" if kind in _PARTS else "ED", _name(n)) for n in item.get("editor", [])]
    lines += [_line("A4", _name(n)) for n in item.get("translator", [])]
    lines.append(_line("TI", csl.plain(item.get("title"))))
    lines.append(_line("ST", csl.plain(item.get("title-short"))))
    container = csl.plain(item.get("container-title"))
    if kind == "CPAPER":
        lines.append(_line("C3", container))
        lines.append(_line("T2", csl.plain(item.get("event"))))
        lines.append(_line("CY", item.get("event-place")))
    else:
        lines.append(_line("T2", container))
    if kind == "JOUR":
        lines.append(_line("J2", item.get("container-title-short")))
    # A book's series is T2 (the specification's and Zotero's reading for BOOK); a part's series is T3.
    lines.append(_line("T2" if kind in ("BOOK", "EDBOOK") and not container else "T3",
                       csl.plain(item.get("collection-title"))))
    parts = csl.date_parts(item)
    if parts:
        lines.append(_line("PY", parts[0]))
        lines.append(_line("DA", "/".join([f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:])])))
    lines.append(_line("VL", item.get("volume")))
    lines.append(_line("IS", item.get("issue")))
    page = item.get("page")
    if page:
        first, _, last = page.partition("-")
        lines.append(_line("SP", first))
        lines.append(_line("EP", last or None))
    lines.append(_line("ET", item.get("edition")))
    lines.append(_line("M3", item.get("genre")))
    lines.append(_line("PB", item.get("publisher")))
    if kind != "CPAPER":
        lines.append(_line("CY", item.get("publisher-place")))
    lines.append(_line("SN", (item.get("ISBN") or item.get("ISSN")) if kind in _BOOKISH
                       else (item.get("ISSN") or item.get("ISBN"))))
    lines.append(_line("LA", item.get("language")))
    lines.append(_line("DO", item.get("DOI")))
    lines.append(_line("UR", item.get("URL")))
    lines += [_line("N1", note) for note in [*entry.remarks, entry.annotation]]
    lines.append("ER  - ")
    return "\n".join(line for line in lines if line is not None) + "\n"


def dumps(entries: Iterable[Entry]) -> str:
    return "\n".join(format_entry(e) for e in entries)
