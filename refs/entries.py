"""The works to export as bibliography entries, with what the ledger knows beyond their metadata."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from refs.errors import InputError
from refs.ledger import Ledger

# What a notice means for a reader of the bibliography.
_NOTICE_TEXT = {
    "retracted": "Retracted",
    "withdrawn": "Withdrawn",
    "expression_of_concern": "Subject to an expression of concern",
    "corrected": "Corrected",
}


@dataclass
class Person:
    family: str | None
    given: str | None
    name: str | None  # an organisation


@dataclass
class Entry:
    """One work as bibliography formats need it."""

    key: str
    kind: str  # refs' kind: article, book, web, other
    crossref_type: str | None
    title: str | None
    container: str | None
    year: int | None
    month: int | None
    day: int | None
    volume: str | None
    issue: str | None
    pages: str | None
    publisher: str | None
    doi: str | None
    url: str | None
    issn: str | None
    isbn: str | None
    metadata_source: str
    authors: list[Person] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # "Retracted (retraction notice 10.x/y, 2021-01-05)"
    claims_supported: int = 0

    @property
    def notes(self) -> list[str]:
        """What a note field should say: notices first, then how many claims rest on the work."""
        lines = list(self.notices)
        if self.claims_supported:
            plural = "s" if self.claims_supported != 1 else ""
            lines.append(f"Supports {self.claims_supported} claim{plural} in the refs ledger")
        return lines


def initials(given: str | None) -> str | None:
    """Vancouver initials as a given name ("JI" -> "J. I."), so styles abbreviate them right."""
    if given and re.fullmatch(r"[A-Z]{1,3}", given):
        return " ".join(f"{letter}." for letter in given)
    return given


def _date(issued: str | None, year: int | None) -> tuple[int | None, int | None, int | None]:
    if issued:
        parts = [int(p) for p in issued.split("-")]
        parts += [0] * (3 - len(parts))
        return parts[0], parts[1] or None, parts[2] or None
    return year, None, None


def collect(ledger: Ledger, article: str | None = None) -> list[Entry]:
    """Every work cited in the ledger (or by one article), once, in citation-key order."""
    conn = ledger.conn
    if article is not None and not conn.execute("SELECT 1 FROM articles WHERE id = ?", (article,)).fetchone():
        raise InputError(f"no article with id {article!r} (see 'refs articles')")
    filter_sql = "WHERE w.id IN (SELECT work_id FROM sources WHERE article_id = ?)" if article else \
        "WHERE w.id IN (SELECT work_id FROM sources)"
    rows = conn.execute(f"SELECT w.* FROM works w {filter_sql} ORDER BY w.citation_key",
                        (article,) if article else ()).fetchall()
    entries = []
    for row in rows:
        year, month, day = _date(row["issued"], row["year"])
        authors = [
            Person(a["family"], initials(a["given"]), a["name"])
            for a in conn.execute("SELECT family, given, name FROM authors WHERE work_id = ? ORDER BY position",
                                  (row["id"],))
        ]
        notices = []
        for update in conn.execute(
            "SELECT update_type, notice_doi, date, source FROM work_updates WHERE work_id = ? AND relation != "
            "'update-to' ORDER BY date", (row["id"],)
        ):
            kind = update["update_type"].replace("_", " ")
            detail = ", ".join(p for p in (f"doi:{update['notice_doi']}" if update["notice_doi"] else None,
                                           update["date"], update["source"]) if p)
            notices.append(f"{kind.capitalize()} notice" + (f" ({detail})" if detail else ""))
        if row["update_status"]:
            notices.insert(0, f"{_NOTICE_TEXT[row['update_status']]} according to Crossref")
        claims_supported = conn.execute(
            "SELECT COUNT(DISTINCT cs.claim_id) FROM claim_sources cs JOIN sources s ON s.id = cs.source_id"
            " WHERE s.work_id = ?", (row["id"],)).fetchone()[0]
        entries.append(Entry(
            key=row["citation_key"], kind=row["kind"], crossref_type=row["type"], title=row["title"],
            container=row["container"], year=year, month=month, day=day, volume=row["volume"], issue=row["issue"],
            pages=row["pages"], publisher=row["publisher"], doi=row["doi"], url=row["url"], issn=row["issn"],
            isbn=row["isbn"], metadata_source=row["metadata_source"], authors=authors, notices=notices,
            claims_supported=int(claims_supported),
        ))
    return entries
