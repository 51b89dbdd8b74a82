"""Write RIS (the tagged format Zotero, EndNote and Mendeley import)."""

from __future__ import annotations

from refs.model import Work

_TYPES = {
    "journal-article": "JOUR", "book": "BOOK", "monograph": "BOOK", "edited-book": "EDBOOK",
    "book-chapter": "CHAP", "book-section": "CHAP", "book-part": "CHAP", "proceedings-article": "CPAPER",
    "dissertation": "THES", "report": "RPRT", "dataset": "DATA", "posted-content": "GEN",
}


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
    lines.append(_line("T2" if _type(entry) in ("CHAP", "CPAPER") else "JO", entry.container))
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
    lines.append(_line("SN", entry.issn or entry.isbn))
    lines.append(_line("DO", entry.doi))
    lines.append(_line("UR", entry.url))
    for note in entry.notes:
        lines.append(_line("N1", note))
    lines.append("ER  - ")
    return "\n".join(line for line in lines if line is not None) + "\n"


def dumps(entries: list[Work]) -> str:
    return "\n".join(format_entry(e) for e in entries)
