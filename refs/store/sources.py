"""Reference entries per article (``sources``) and their structured authors (``source_authors``)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from refs.model import Person, RefEntry, SourceInfo, SourceStatus
from refs.store import works
from refs.store.ledger import Ledger

_CHUNK = 500  # values bound in one IN (...), well under SQLite's limit


def insert(conn: sqlite3.Connection, article_id: str, entries: Sequence[RefEntry]) -> None:
    """Store an article's parsed entries, each tied to its work (created from the entry when new)."""
    for entry in entries:
        work_id = works.upsert_from_entry(conn, entry)
        cursor = conn.execute(
            "INSERT INTO sources (article_id, position, number, raw, style, kind, authors, n_authors,"
            " et_al, year, title, container, volume, issue, pages, doi, url, pmid, pmcid, publisher, place,"
            " field_methods, work_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (article_id, entry.position, entry.number, entry.raw, entry.style, entry.kind,
             "; ".join(a.label for a in entry.authors) or None, len(entry.authors), int(entry.et_al), entry.year,
             entry.title, entry.container, entry.volume, entry.issue, entry.pages, entry.doi, entry.url,
             entry.pmid, entry.pmcid, entry.publisher, entry.place, json.dumps(entry.methods, sort_keys=True),
             work_id),
        )
        entry.id = int(cursor.lastrowid or 0)
        save_authors(conn, entry.id, entry.authors)


def save_authors(conn: sqlite3.Connection, source_id: int, authors: Sequence[Person]) -> None:
    conn.execute("DELETE FROM source_authors WHERE source_id = ?", (source_id,))
    conn.executemany(
        "INSERT INTO source_authors (source_id, position, family, given, name) VALUES (?,?,?,?,?)",
        [(source_id, n, a.family, a.given, a.name) for n, a in enumerate(authors, start=1)],
    )


def _authors_by_source(conn: sqlite3.Connection, source_ids: list[int]) -> dict[int, list[Person]]:
    out: dict[int, list[Person]] = {}
    for start in range(0, len(source_ids), _CHUNK):
        chunk = source_ids[start:start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(
                f"SELECT source_id, family, given, name FROM source_authors WHERE source_id IN ({marks})"
                " ORDER BY source_id, position", chunk):
            out.setdefault(int(row["source_id"]), []).append(Person(row["family"], row["given"], row["name"]))
    return out


def _entry(row: sqlite3.Row, authors: list[Person]) -> RefEntry:
    return RefEntry(
        raw=row["raw"], style=row["style"], kind=row["kind"], authors=authors, et_al=bool(row["et_al"]),
        year=row["year"], title=row["title"], container=row["container"], volume=row["volume"],
        issue=row["issue"], pages=row["pages"], doi=row["doi"], url=row["url"], pmid=row["pmid"],
        pmcid=row["pmcid"], publisher=row["publisher"], place=row["place"],
        methods=json.loads(row["field_methods"]), position=row["position"],
        number=row["number"], id=row["id"],
    )


def by_id(ledger: Ledger, source_ids: list[int]) -> dict[int, RefEntry]:
    """Stored entries by id, as parsed at ingest."""
    return {entry.id: entry for entry in _load_where(ledger, "id", source_ids) if entry.id is not None}


def load(ledger: Ledger, article_ids: list[str] | None = None) -> list[RefEntry]:
    """Stored entries (of the given articles, default all) as parsed at ingest, in id order."""
    if article_ids is None:
        rows = ledger.conn.execute("SELECT * FROM sources ORDER BY id").fetchall()
        authors = _authors_by_source(ledger.conn, [row["id"] for row in rows])
        return [_entry(row, authors.get(row["id"], [])) for row in rows]
    return sorted(_load_where(ledger, "article_id", article_ids), key=lambda entry: entry.id or 0)


def ids(ledger: Ledger, article_ids: list[str] | None = None) -> list[int]:
    """The ids of the entries of the given articles (default: all), in order."""
    if article_ids is None:
        return [int(row[0]) for row in ledger.conn.execute("SELECT id FROM sources ORDER BY id")]
    found: list[int] = []
    for start in range(0, len(article_ids), _CHUNK):
        chunk = article_ids[start:start + _CHUNK]
        found += [int(row[0]) for row in ledger.conn.execute(
            f"SELECT id FROM sources WHERE article_id IN ({','.join('?' * len(chunk))})", chunk)]
    return sorted(found)


def in_chunks(ledger: Ledger, source_ids: Sequence[int], size: int = _CHUNK) -> Iterator[list[RefEntry]]:
    """The entries with these ids, ``size`` at a time in the order given: a pass over every entry of a
    large ledger holds one chunk of them."""
    for start in range(0, len(source_ids), size):
        chunk = source_ids[start:start + size]
        by_id = {entry.id: entry for entry in _load_where(ledger, "id", chunk)}
        yield [by_id[source_id] for source_id in chunk if source_id in by_id]


def _load_where(ledger: Ledger, column: str, values: Sequence[object]) -> list[RefEntry]:
    """The entries whose ``column`` is one of ``values``, read ``_CHUNK`` values at a time."""
    rows: list[sqlite3.Row] = []
    for start in range(0, len(values), _CHUNK):
        chunk = list(values[start:start + _CHUNK])
        rows += ledger.conn.execute(f"SELECT * FROM sources WHERE {column} IN ({','.join('?' * len(chunk))})",
                                    chunk).fetchall()
    authors = _authors_by_source(ledger.conn, [row["id"] for row in rows])
    return [_entry(row, authors.get(row["id"], [])) for row in rows]


def backfill_pending(ledger: Ledger, name: str = "source_authors") -> bool:
    """Does this upgraded ledger still owe a backfill: entries without structured authors
    (``source_authors``), or claims made by an older version's rules (``claims``)?"""
    return ledger.conn.execute("SELECT 1 FROM pending_backfills WHERE name = ?", (name,)).fetchone() is not None


def missing_authors(ledger: Ledger) -> list[tuple[int, str]]:
    """(id, raw) of entries that name authors but have no structured author rows."""
    if not backfill_pending(ledger):
        return []
    return [(int(row[0]), str(row[1])) for row in ledger.conn.execute(
        "SELECT id, raw FROM sources WHERE n_authors > 0"
        " AND NOT EXISTS (SELECT 1 FROM source_authors a WHERE a.source_id = sources.id)")]


def finish_backfill(conn: sqlite3.Connection, name: str = "source_authors") -> None:
    """The backfill ``name`` is done (call inside the backfill's transaction)."""
    conn.execute("DELETE FROM pending_backfills WHERE name = ?", (name,))


def set_status(conn: sqlite3.Connection, source_id: int, status: SourceStatus, reason: str | None = None, *,
               score: float | None = None, evidence: Any = None, agreement: bool | None = None,
               disagreements: list[dict[str, Any]] | None = None, work_id: int | None = None) -> int | None:
    """Record what resolution found for one entry (``work_id``: the work a search matched it to); returns
    the work the entry pointed to before, when that changed."""
    before = None
    if work_id is not None:
        row = conn.execute("SELECT work_id FROM sources WHERE id = ?", (source_id,)).fetchone()
        before = int(row[0]) if row and int(row[0]) != work_id else None
    conn.execute(
        "UPDATE sources SET status = ?, status_reason = ?, match_score = ?, evidence = ?, agreement = ?,"
        " disagreements = ?, checked_at = ?, work_id = COALESCE(?, work_id) WHERE id = ?",
        (status, reason, score, json.dumps(evidence, ensure_ascii=False) if evidence is not None else None,
         None if agreement is None else ("agrees" if agreement else "disagrees"),
         json.dumps(disagreements, ensure_ascii=False) if disagreements else None,
         datetime.now(UTC).isoformat(timespec="seconds"), work_id, source_id),
    )
    return before


def for_linking(ledger: Ledger, article_id: str) -> list[SourceInfo]:
    """An article's entries with what linking needs from them and their works, in list order."""
    rows = ledger.conn.execute(
        "SELECT s.*, w.title AS work_title, w.abstract, w.year AS work_year FROM sources s"
        " JOIN works w ON w.id = s.work_id WHERE s.article_id = ? ORDER BY s.position",
        (article_id,),
    ).fetchall()
    authors = _authors_by_source(ledger.conn, [row["id"] for row in rows])
    return [SourceInfo.of(row["id"], _entry(row, authors.get(row["id"], [])), year=row["work_year"],
                          title=row["work_title"], abstract=row["abstract"]) for row in rows]


def listing(ledger: Ledger, article_id: str | None = None) -> Iterator[dict[str, Any]]:
    """Every entry (of one article, or all) with its work's notice as ``notice``, one row at a time in
    list order: a listing of any size is streamed, never held whole."""
    columns = [row["name"] for row in ledger.conn.execute("PRAGMA table_info(sources)")]
    booleans = {"et_al"}
    where = " WHERE s.article_id = ?" if article_id else ""
    cursor = ledger.conn.execute(
        f"SELECT {', '.join('s.' + c for c in columns)}, w.update_status AS notice FROM sources s"
        f" JOIN works w ON w.id = s.work_id{where} ORDER BY s.article_id, s.position",
        (article_id,) if article_id else ())
    names = [column[0] for column in cursor.description]
    for row in cursor:
        yield {name: bool(value) if name in booleans else value for name, value in zip(names, row, strict=True)}


def with_works(ledger: Ledger) -> list[dict[str, Any]]:
    """Every entry with its work's notice, title and DOI, in list order (what a check report needs)."""
    rows = ledger.conn.execute(
        "SELECT s.*, w.update_status, w.title AS work_title, w.doi AS work_doi FROM sources s"
        " JOIN works w ON w.id = s.work_id ORDER BY s.article_id, s.position").fetchall()
    return [dict(row) for row in rows]
