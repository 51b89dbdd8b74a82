"""Works (one per DOI, or per reference text without one), their authors, notices and citation keys."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from refs.model import MetadataSource, Person, RefEntry, UpdateRelation, UpdateStatus, Work
from refs.store.ledger import Ledger
from refs.text import citekeys

# What a notice means for a reader of the bibliography.
_NOTICE_TEXT = {
    UpdateStatus.RETRACTED: "Retracted",
    UpdateStatus.WITHDRAWN: "Withdrawn",
    UpdateStatus.EXPRESSION_OF_CONCERN: "Subject to an expression of concern",
    UpdateStatus.CORRECTED: "Corrected",
}
_VIEW_FIELDS = (
    "doi", "type", "kind", "title", "subtitle", "container", "short_container", "year", "issued", "print_year",
    "volume", "issue", "pages", "article_number", "issn", "isbn", "publisher", "publisher_place", "url",
    "cited_by_count", "abstract", "update_status", "metadata_source", "record_fetched_at",
)


def work_key(entry: RefEntry) -> str:
    """``doi:...`` for an entry with a DOI, else a hash of its first author, year and title."""
    if entry.doi:
        return "doi:" + entry.doi
    first = entry.authors[0] if entry.authors else None
    who = (first.surname or "") if first else ""
    basis = "|".join([who, str(entry.year or ""), entry.title or entry.raw]).lower()
    basis = re.sub(r"[\W_]+", " ", basis).strip()
    return "ref:" + hashlib.sha1(basis.encode()).hexdigest()[:16]


def unique_key(conn: sqlite3.Connection, base: str) -> str:
    """``base`` or ``base`` with the first free suffix (a, b, ..., z, aa, ...)."""
    taken = {row[0] for row in conn.execute(
        "SELECT citation_key FROM works WHERE citation_key >= ? AND citation_key < ?", (base, base + "~"))}
    return next(base + suffix for suffix in citekeys.suffixes() if base + suffix not in taken)


_PENDING_KEYS = "key_source IS NULL OR (key_source = 'reference-text' AND metadata_source = 'crossref')"


def _key_inputs(conn: sqlite3.Connection, ids: list[int]) -> list[sqlite3.Row]:
    rows: list[sqlite3.Row] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        rows += conn.execute(
            "SELECT w.id, w.doi, w.work_key, w.title, w.metadata_source, w.citation_key, w.key_source,"
            " COALESCE(w.year, (SELECT MIN(s.year) FROM sources s WHERE s.work_id = w.id)) AS year,"
            " a.family, a.name FROM works w LEFT JOIN authors a ON a.work_id = w.id AND a.position = 1"
            f" WHERE w.id IN ({','.join('?' * len(chunk))})", chunk).fetchall()
    # DOI order (then the reference's hash): the same works get the same keys whatever order they came in.
    return sorted(rows, key=lambda r: (r["doi"] is None, r["doi"] or "", r["work_key"]))


def formula_key(row: sqlite3.Row) -> str:
    """The key the formula gives a work now (before any clash suffix)."""
    return citekeys.base_key(row["family"], row["name"], row["year"], row["title"])


def _rekey(conn: sqlite3.Connection, ids: list[int]) -> list[tuple[str, str]]:
    rows = _key_inputs(conn, ids)
    # Free the keys first, so the works being keyed clash only with keys that stay.
    conn.executemany("UPDATE works SET citation_key = '~' || id WHERE id = ?", [(r["id"],) for r in rows])
    changed = []
    for row in rows:
        key = unique_key(conn, formula_key(row))
        conn.execute("UPDATE works SET citation_key = ?, key_source = metadata_source WHERE id = ?", (key, row["id"]))
        if row["key_source"] is not None and key != row["citation_key"]:
            changed.append((row["citation_key"], key))
    return changed


def assign_keys(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """Key every work whose key is pending: new ones, and ones keyed from their reference text whose record
    has since been found. Returns (old, new) for keys given before that changed (to be reported)."""
    ids = [int(row[0]) for row in conn.execute(f"SELECT id FROM works WHERE {_PENDING_KEYS}")]
    return _rekey(conn, ids) if ids else []


def regenerate_keys(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """Make every key again from the formula, in DOI order (what ``refs keys --regenerate`` does)."""
    return _rekey(conn, [int(row[0]) for row in conn.execute("SELECT id FROM works")])


def keys(ledger: Ledger) -> list[dict[str, Any]]:
    """Every work's key, what it was made from, and the key the formula would give it now."""
    rows = _key_inputs(ledger.conn, [int(row[0]) for row in ledger.conn.execute("SELECT id FROM works")])
    out = []
    for row in sorted(rows, key=lambda r: r["citation_key"]):
        formula = formula_key(row)
        current = row["citation_key"] == formula or (
            row["citation_key"].startswith(formula) and row["citation_key"][len(formula):].isalpha())
        out.append({"citation_key": row["citation_key"], "doi": row["doi"], "made_from": row["key_source"],
                    "formula_key": formula, "current": current})
    return out


def upsert_from_entry(conn: sqlite3.Connection, entry: RefEntry) -> int:
    """The id of the work an entry refers to; created from the reference text when new, with a provisional
    key (its key is given by ``assign_keys`` at the end of the run)."""
    key = work_key(entry)
    row = conn.execute("SELECT id FROM works WHERE work_key = ?", (key,)).fetchone()
    if row:
        return int(row["id"])
    cursor = conn.execute(
        "INSERT INTO works (work_key, citation_key, doi, kind, title, container, year, volume, issue, pages, url,"
        " pmid, pmcid, publisher, publisher_place, metadata_source) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (key, unique_key(conn, citekeys.for_entry(entry)), entry.doi, entry.kind, entry.title, entry.container,
         entry.year, entry.volume, entry.issue, entry.pages, entry.url, entry.pmid, entry.pmcid, entry.publisher,
         entry.place, MetadataSource.REFERENCE_TEXT),
    )
    work_id = int(cursor.lastrowid or 0)
    conn.executemany(
        "INSERT INTO authors (work_id, position, family, given, name, source) VALUES (?,?,?,?,?,?)",
        [(work_id, index, a.family, a.given, a.name, MetadataSource.REFERENCE_TEXT)
         for index, a in enumerate(entry.authors, start=1)],
    )
    return work_id


def store_record(conn: sqlite3.Connection, work_id: int, record: Work, fetched_at: str) -> None:
    """Fill a work from its Crossref record; authors and updates are replaced by Crossref's."""
    conn.execute(
        "UPDATE works SET doi = ?, title = ?, container = ?, year = ?, volume = ?, issue = ?, pages = ?, url = ?,"
        " metadata_source = ?, type = ?, title_raw = ?, subtitle = ?, short_container = ?, issued = ?,"
        " print_year = ?, article_number = ?, issn = ?, isbn = ?, publisher = ?, publisher_place = ?,"
        " cited_by_count = ?, abstract = ?, abstract_raw = ?, update_status = ?, record_fetched_at = ? WHERE id = ?",
        (record.doi, record.title, record.container, record.year, record.volume, record.issue, record.pages,
         record.url, MetadataSource.CROSSREF, record.type, record.title_raw, record.subtitle,
         record.short_container, record.issued, record.print_year, record.article_number, record.issn,
         record.isbn, record.publisher, record.publisher_place, record.cited_by_count, record.abstract,
         record.abstract_raw,
         record.update_status, fetched_at, work_id),
    )
    conn.execute("DELETE FROM authors WHERE work_id = ?", (work_id,))
    conn.executemany(
        "INSERT INTO authors (work_id, position, family, given, name, orcid, source) VALUES (?,?,?,?,?,?,?)",
        [(work_id, i, a.family, a.given, a.name, a.orcid, MetadataSource.CROSSREF)
         for i, a in enumerate(record.authors, start=1)],
    )
    conn.execute("DELETE FROM work_updates WHERE work_id = ?", (work_id,))
    conn.executemany(
        "INSERT OR IGNORE INTO work_updates (work_id, relation, update_type, notice_doi, label, source, date)"
        " VALUES (?,?,?,?,?,?,?)",
        [(work_id, u.relation, u.update_type, u.notice_doi, u.label, u.source, u.date) for u in record.updates],
    )


def delete_orphans(conn: sqlite3.Connection, candidates: Iterable[int] | None = None) -> None:
    """Remove the works no entry cites any more: of ``candidates`` (the works some entries just left,
    found through the index on ``sources.work_id``: cost in proportion to them, not to the ledger), or of
    every work when no candidates are given."""
    if candidates is None:
        conn.execute("DELETE FROM works WHERE id NOT IN (SELECT DISTINCT work_id FROM sources)")
        return
    conn.executemany("DELETE FROM works WHERE id = ? AND NOT EXISTS (SELECT 1 FROM sources WHERE work_id = ?)",
                     [(work_id, work_id) for work_id in set(candidates)])


def of_article(conn: sqlite3.Connection, article_id: str) -> list[int]:
    """The works an article's entries cite."""
    return [int(row[0]) for row in conn.execute("SELECT DISTINCT work_id FROM sources WHERE article_id = ?",
                                                (article_id,))]


def view(ledger: Ledger, doi: str) -> dict[str, Any] | None:
    """Everything about the work with ``doi``: record, authors, notices, the entries citing it; None if absent."""
    conn = ledger.conn
    work = conn.execute(f"SELECT id, {', '.join(_VIEW_FIELDS)} FROM works WHERE doi = ?", (doi,)).fetchone()
    if work is None:
        return None
    result: dict[str, Any] = {name: work[name] for name in _VIEW_FIELDS}
    result["authors"] = [
        {k: row[k] for k in ("family", "given", "name", "orcid", "source")}
        for row in conn.execute("SELECT * FROM authors WHERE work_id = ? ORDER BY position", (work["id"],))
    ]
    result["updates"] = [
        {k: row[k] for k in ("relation", "update_type", "notice_doi", "label", "source", "date")}
        for row in conn.execute("SELECT * FROM work_updates WHERE work_id = ? ORDER BY date, notice_doi",
                                (work["id"],))
    ]
    result["cited_by"] = [
        {
            "article_id": row["article_id"], "position": row["position"], "raw": row["raw"],
            "status": row["status"], "status_reason": row["status_reason"], "agreement": row["agreement"],
            "disagreements": json.loads(row["disagreements"]) if row["disagreements"] else [],
            "match_score": row["match_score"],
        }
        for row in conn.execute("SELECT * FROM sources WHERE work_id = ? ORDER BY article_id, position",
                                (work["id"],))
    ]
    statuses = sorted({c["status"] for c in result["cited_by"]})
    result["status"] = statuses[0] if len(statuses) == 1 else statuses
    return result


def _notices(conn: sqlite3.Connection, work_id: int, status: str | None) -> list[str]:
    notices = []
    for update in conn.execute(
        "SELECT update_type, notice_doi, date, source FROM work_updates WHERE work_id = ? AND relation != ?"
        " ORDER BY date", (work_id, UpdateRelation.UPDATE_TO)
    ):
        kind = update["update_type"].replace("_", " ")
        detail = ", ".join(p for p in (f"doi:{update['notice_doi']}" if update["notice_doi"] else None,
                                       update["date"], update["source"]) if p)
        notices.append(f"{kind.capitalize()} notice" + (f" ({detail})" if detail else ""))
    if status:
        notices.insert(0, f"{_NOTICE_TEXT[UpdateStatus(status)]} according to Crossref")
    return notices


# What an export needs of a work: everything but its abstract (large, and no bibliography prints it).
_CITED_COLUMNS = ", ".join(f"w.{name}" for name in (
    "id", "citation_key", "doi", "kind", "title", "container", "year", "volume", "issue", "pages", "url",
    "metadata_source", "type", "title_raw", "subtitle", "short_container", "issued", "print_year", "article_number",
    "issn", "isbn", "publisher", "publisher_place", "cited_by_count", "update_status"))


def cited(ledger: Ledger, article: str | None = None, keys: list[str] | None = None) -> Iterator[Work]:
    """Every work cited in the ledger (or by one article, or with one of ``keys``), once, in citation-key
    order, with its notices and the number of claims resting on it; read as it is consumed."""
    conn = ledger.conn
    rows: Iterable[sqlite3.Row]
    if keys is not None:
        found: list[sqlite3.Row] = []
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            marks = ",".join("?" * len(chunk))
            found += conn.execute(f"SELECT {_CITED_COLUMNS} FROM works w WHERE w.citation_key IN ({marks})"
                                  " AND w.id IN (SELECT work_id FROM sources)", chunk).fetchall()
        rows = sorted(found, key=lambda row: row["citation_key"])
    else:
        filter_sql = "WHERE w.id IN (SELECT work_id FROM sources WHERE article_id = ?)" if article else \
            "WHERE w.id IN (SELECT work_id FROM sources)"
        rows = conn.execute(f"SELECT {_CITED_COLUMNS} FROM works w {filter_sql} ORDER BY w.citation_key",
                            (article,) if article else ())
    for row in rows:
        authors = [
            Person(a["family"], a["given"], a["name"], a["orcid"])
            for a in conn.execute("SELECT family, given, name, orcid FROM authors WHERE work_id = ? ORDER BY position",
                                  (row["id"],))
        ]
        claims_supported = conn.execute(
            "SELECT COUNT(DISTINCT cs.claim_id) FROM claim_sources cs JOIN sources s ON s.id = cs.source_id"
            " WHERE s.work_id = ?", (row["id"],)).fetchone()[0]
        yield Work(
            doi=row["doi"], type=row["type"], title=row["title"], title_raw=row["title_raw"],
            subtitle=row["subtitle"], container=row["container"], short_container=row["short_container"],
            year=row["year"], issued=row["issued"], print_year=row["print_year"], volume=row["volume"],
            issue=row["issue"], pages=row["pages"], article_number=row["article_number"], issn=row["issn"],
            isbn=row["isbn"], publisher=row["publisher"], publisher_place=row["publisher_place"], url=row["url"],
            cited_by_count=row["cited_by_count"],
            authors=authors, key=row["citation_key"],
            kind=row["kind"], metadata_source=MetadataSource(row["metadata_source"]),
            stored_update_status=UpdateStatus(row["update_status"]) if row["update_status"] else None,
            notices=_notices(conn, row["id"], row["update_status"]), claims_supported=int(claims_supported),
        )


@dataclass(frozen=True)
class Citing:
    """What the references citing a work print about it."""

    et_al: bool  # a citing reference cut its author list with "et al."
    year: int | None  # the year they print (the earliest, when they differ)
    mismatch: int | None  # when every citing reference's DOI belongs to another work: one of those entries' id


def citing(ledger: Ledger, keys: list[str]) -> dict[str, Citing]:
    """By citation key: what the citing references print about the work."""
    out: dict[str, Citing] = {}
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for row in ledger.conn.execute(
            f"SELECT w.citation_key, MAX(s.et_al), MIN(s.year), MIN(s.status = 'doi_mismatch'), MIN(s.id)"
            f" FROM works w JOIN sources s ON s.work_id = w.id WHERE w.citation_key IN ({marks}) GROUP BY w.id",
            chunk
        ):
            out[row[0]] = Citing(bool(row[1]), row[2], row[4] if row[3] else None)
    return out
