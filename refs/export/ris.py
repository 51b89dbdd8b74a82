"""Write RIS (the tagged format Zotero, EndNote and Mendeley import), with the types and tags Zotero's RIS
import reads as meant: the journal in T2 (JO is the abbreviation there), the proceedings title in C3,
an ISBN for books and chapters and an ISSN for serials in SN."""

from __future__ import annotations

from refs.model import Work

_TYPES = {
    "journal-article": "JOUR", "book": "BOOK", "monograph": "BOOK", "edited-book": "EDBOOK",
    "reference-book": "BOOK", "book-chapter": "CHAP", "book-section": "CHAP", "book-part": "CHAP",
    "reference-entry": "ENCYC", "proceedings-article": "CPAPER", "proceedings": "CONF", "dissertation": "THES",
    "report": "RPRT", "dataset": "DATA", "posted-content": "UNPB", "journal-issue": "JFULL",
    "journal": "JFULL",
}
_BOOKISH = {"BOOK", "EDBOOK", "CHAP", "ENCYC", "CONF", "CPAPER"}


def _type(entry: Work) -> str:
    if entry.type:
        return _TYPES.get(entry.type, "GEN")
    return {"article": "JOUR", "book": "BOOK", "web": "ELEC"}.get(entry.kind, "GEN")


def _line(tag: str, value: str | int | None) -> str | None:
    if value is None or value == "":
        return None
    return f"{tag}  - {' '.join(str(value).split())}"


def format_entry(entry: Work) -> str:
    lines: list[str | None] = [_line("TY", _type(entry)), _line("ID", entry.key)]
    for person in entry.authors:
        name = person.name or ", ".join(p for p in (person.family, person.given) if p)
        lines.append(_line("AU", name))
    lines.append(_line("TI", entry.title))
    kind = _type(entry)
    # The container: a proceedings volume is C3; a book's or a journal's title is T2 (JO would be read as
    # the journal's abbreviation, which J2 carries).
    lines.append(_line("C3" if kind == "CPAPER" else "T2", entry.container))
    if kind == "JOUR":
        lines.append(_line("J2", entry.short_container))
    year, month, day = entry.date_parts
    lines.append(_line("PY", year))
    if year and month:
        lines.append(_line("DA", f"{year:04d}/{month:02d}/{day or 0:02d}".replace("/00", "/")))
    lines.append(_line("VL", entry.volume))
    lines.append(_line("IS", entry.issue))
    if entry.pages:
        first, _, last = entry.pages.partition("-")
        lines.append(_line("SP", first))
        lines.append(_line("EP", last or None))
    lines.append(_line("PB", entry.publisher))
    first_isbn = entry.isbn.split(";")[0].strip() if entry.isbn else None
    first_issn = entry.issn.split(";")[0].strip() if entry.issn else None
    lines.append(_line("SN", (first_isbn or first_issn) if kind in _BOOKISH else (first_issn or first_isbn)))
    lines.append(_line("DO", entry.doi))
    lines.append(_line("UR", entry.url))
    for note in entry.notes:
        lines.append(_line("N1", note))
    lines.append("ER  - ")
    return "\n".join(line for line in lines if line is not None) + "\n"


def dumps(entries: list[Work]) -> str:
    return "\n".join(format_entry(e) for e in entries)
