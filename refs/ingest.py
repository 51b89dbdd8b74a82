"""Ingest article files into the ledger: read, extract the reference list, parse, store."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from refs import citation as citation_mod
from refs import citekeys, reflist
from refs import doi as doi_mod
from refs.citation import Citation
from refs.ledger import Ledger
from refs.reader import Document, read_document


@dataclass
class IngestResult:
    """What ingesting one file did."""

    article_id: str
    path: str
    status: str  # added | replaced | unchanged
    n_sources: int
    n_dois: int
    warnings: list[str] = field(default_factory=list)


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:60].strip("-") or "article"


def _article_id(conn: sqlite3.Connection, path: str, stem: str) -> str:
    """A readable id from the file name; a short path hash tells apart same-named files."""
    row = conn.execute("SELECT id FROM articles WHERE path = ?", (path,)).fetchone()
    if row:
        return str(row["id"])
    candidate = _slug(stem)
    taken = conn.execute("SELECT path FROM articles WHERE id = ?", (candidate,)).fetchone()
    if taken is None:
        return candidate
    return f"{candidate}-{hashlib.sha1(path.encode()).hexdigest()[:6]}"


def _work_key(cit: Citation) -> str:
    if cit.doi:
        return "doi:" + cit.doi
    first = cit.authors[0] if cit.authors else None
    who = (first.family or first.name or "") if first else ""
    basis = "|".join([who, str(cit.year or ""), cit.title or cit.raw]).lower()
    basis = re.sub(r"[\W_]+", " ", basis).strip()
    return "ref:" + hashlib.sha1(basis.encode()).hexdigest()[:16]


def _author_label(author: citation_mod.Author) -> str:
    if author.name:
        return author.name
    return " ".join(part for part in (author.family, author.given) if part)


def upsert_work(conn: sqlite3.Connection, cit: Citation) -> int:
    """The work a citation refers to; created from the reference text when new."""
    key = _work_key(cit)
    row = conn.execute("SELECT id FROM works WHERE work_key = ?", (key,)).fetchone()
    if row:
        return int(row["id"])
    cursor = conn.execute(
        "INSERT INTO works (work_key, citation_key, doi, kind, title, container, year, volume, issue, pages, url,"
        " pmid, pmcid, metadata_source) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (key, citekeys.for_citation(conn, cit), cit.doi, cit.kind, cit.title, cit.container, cit.year, cit.volume,
         cit.issue, cit.pages, cit.url, cit.pmid, cit.pmcid, citation_mod.METHOD_TEXT),
    )
    work_id = int(cursor.lastrowid or 0)
    conn.executemany(
        "INSERT INTO authors (work_id, position, family, given, name, source) VALUES (?,?,?,?,?,?)",
        [
            (work_id, index, a.family, a.given, a.name, citation_mod.METHOD_TEXT)
            for index, a in enumerate(cit.authors, start=1)
        ],
    )
    return work_id


def _link_dois(doc: Document) -> set[str]:
    """DOIs that reached the text only through a hyperlink target."""
    found: set[str] = set()
    for anchor, href in doc.links:
        target = doi_mod.first(href)
        if target and doi_mod.first(anchor) != target:
            found.add(target)
    return found


def parse_document(doc: Document) -> list[tuple[reflist.Entry, Citation]]:
    """The reference entries of a document, each parsed."""
    return _parse_section(doc, reflist.locate(doc.text))


def _parse_section(doc: Document, section: reflist.Section) -> list[tuple[reflist.Entry, Citation]]:
    linked = _link_dois(doc)
    parsed = []
    for entry in section.entries:
        cit = citation_mod.parse(entry.text)
        if cit.doi and cit.doi in linked:
            cit.methods["doi"] = citation_mod.METHOD_LINK
        parsed.append((entry, cit))
    return parsed


def _delete_orphan_works(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM works WHERE id NOT IN (SELECT DISTINCT work_id FROM sources)")


def store(ledger: Ledger, doc: Document, parsed: list[tuple[reflist.Entry, Citation]],
          references_line: int | None = None) -> IngestResult:
    """Write one document and its sources, replacing an earlier version of the same path."""
    path = str(doc.path.resolve())
    conn = ledger.conn
    warnings: list[str] = []
    if not doc.text.strip():
        warnings.append(f"{doc.path}: empty article; ingested with 0 sources")
    with ledger.transaction():
        existing = conn.execute("SELECT id, sha256, n_sources FROM articles WHERE path = ?", (path,)).fetchone()
        if existing and existing["sha256"] == doc.sha256:
            n_dois = conn.execute(
                "SELECT COUNT(DISTINCT doi) FROM sources WHERE article_id = ?", (existing["id"],)
            ).fetchone()[0]
            return IngestResult(existing["id"], path, "unchanged", existing["n_sources"], n_dois, warnings)
        article_id = _article_id(conn, path, doc.path.stem)
        if existing:
            conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            _delete_orphan_works(conn)
        conn.execute(
            "INSERT INTO articles (id, path, title, title_source, format, sha256, size_bytes, n_sources,"
            " references_line, body, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (article_id, path, doc.title, doc.title_source, doc.format, doc.sha256, doc.size,
             len(parsed), references_line, doc.text, datetime.now(UTC).isoformat(timespec="seconds")),
        )
        rows = []
        for entry, cit in parsed:
            work_id = upsert_work(conn, cit)
            rows.append((
                article_id, entry.position, entry.number, entry.text, cit.style, cit.kind,
                "; ".join(_author_label(a) for a in cit.authors) or None, len(cit.authors),
                int(cit.et_al), cit.year, cit.title, cit.container, cit.volume, cit.issue, cit.pages,
                cit.doi, cit.url, cit.pmid, cit.pmcid, json.dumps(cit.methods, sort_keys=True), work_id,
            ))
        conn.executemany(
            "INSERT INTO sources (article_id, position, number, raw, style, kind, authors, n_authors,"
            " et_al, year, title, container, volume, issue, pages, doi, url, pmid, pmcid,"
            " field_methods, work_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
    n_dois = len({cit.doi for _, cit in parsed if cit.doi})
    status = "replaced" if existing else "added"
    return IngestResult(article_id, path, status, len(parsed), n_dois, warnings)


def ingest_document(ledger: Ledger, doc: Document) -> IngestResult:
    """Parse and store one document."""
    section = reflist.locate(doc.text)
    return store(ledger, doc, _parse_section(doc, section), section.start_line)


def ingest_file(ledger: Ledger, path: Path) -> IngestResult:
    """Read, parse and store one article file."""
    return ingest_document(ledger, read_document(path))


def ingest_files(ledger: Ledger, paths: list[Path]) -> list[IngestResult]:
    """Ingest several files; every file is checked before any is written."""
    docs = [read_document(path) for path in paths]
    return [ingest_document(ledger, doc) for doc in docs]
