"""Claims, their figures and their links to sources; full-text and figure lookup (FTS5, BM25)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from refs.model import Claim, Figure, Link
from refs.store.ledger import Ledger

_PERCENT_KINDS = ("percentage", "fraction", "proportion")
_CHUNK = 500


def replace_for_article(ledger: Ledger, article_id: str, claims: Sequence[Claim], links: Sequence[Link]) -> None:
    """Store an article's claims with their figures and links, replacing what it had (one transaction)."""
    conn = ledger.conn
    by_claim: dict[int, list[Link]] = {}
    for link in links:
        by_claim.setdefault(link.claim_position, []).append(link)
    with ledger.transaction():
        conn.execute("DELETE FROM claims WHERE article_id = ?", (article_id,))
        for claim in claims:
            claim_links = by_claim.get(claim.position, [])
            cursor = conn.execute(
                "INSERT INTO claims (article_id, position, paragraph, start_offset, end_offset, text, kind, person,"
                " sourced, reason) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (article_id, claim.position, claim.paragraph, claim.start, claim.end, claim.text, claim.kind,
                 claim.person, int(bool(claim_links)), claim.reason or None),
            )
            claim_id = int(cursor.lastrowid or 0)
            conn.executemany(
                "INSERT INTO claim_figures (claim_id, position, text, kind, value, value_high, unit, approximate,"
                " start_offset, end_offset) VALUES (?,?,?,?,?,?,?,?,?,?)",
                [(claim_id, n, f.text, f.kind, f.value, f.value_high, f.unit, int(f.approximate), f.start, f.end)
                 for n, f in enumerate(claim.figures, start=1)],
            )
            conn.executemany(
                "INSERT INTO claim_sources (claim_id, source_id, method, confidence, evidence, verification,"
                " verification_detail) VALUES (?,?,?,?,?,?,?)",
                [(claim_id, link.source_id, link.method, link.confidence,
                  json.dumps(link.evidence, ensure_ascii=False), link.verification,
                  json.dumps(link.verification_detail, ensure_ascii=False) if link.verification_detail else None)
                 for link in claim_links],
            )


def _fts_expression(words: list[str], joiner: str) -> str:
    return f" {joiner} ".join('"' + w.replace('"', '""') + '"' for w in words)


@dataclass(frozen=True)
class Filters:
    """What a claim lookup asks besides words: numbers (value, is a percentage) and the other options."""

    numbers: tuple[tuple[float, bool], ...] = ()
    unsourced: bool = False
    article: str | None = None
    source_doi: str | None = None
    person: str | None = None  # quoted or named in the claim ("Levine" finds "Dr. Peter Levine")
    author: str | None = None  # a cited work's author family name, organisation or citation key
    year: int | None = None  # a cited work's year


_CITED = ("c.id IN (SELECT cs.claim_id FROM claim_sources cs JOIN sources s ON s.id = cs.source_id"
          " JOIN works w ON w.id = s.work_id WHERE {condition})")


def _conditions(filters: Filters) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if filters.unsourced:
        where.append("c.sourced = 0")
    if filters.article:
        where.append("c.article_id = ?")
        params.append(filters.article)
    if filters.source_doi:
        where.append(_CITED.format(condition="w.doi = ?"))
        params.append(filters.source_doi)
    if filters.person:
        where.append("c.person LIKE ?")
        params.append(f"%{filters.person}%")
    if filters.author:
        where.append(_CITED.format(condition="w.citation_key = ? OR w.id IN (SELECT a.work_id FROM authors a"
                                             " WHERE a.family = ? COLLATE NOCASE OR a.name LIKE ?)"))
        params += [filters.author, filters.author, f"%{filters.author}%"]
    if filters.year is not None:
        where.append(_CITED.format(condition="w.year = ?"))
        params.append(filters.year)
    for value, is_percent in filters.numbers:
        kinds = ",".join(f"'{k}'" for k in _PERCENT_KINDS)
        condition = f" AND f.kind IN ({kinds})" if is_percent else ""
        # BETWEEN (not ABS) so the value indexes answer it.
        where.append(
            "c.id IN (SELECT f.claim_id FROM claim_figures f WHERE (f.value BETWEEN ? AND ?"
            f" OR f.value_high BETWEEN ? AND ?){condition})"
        )
        params += [value - 1e-9, value + 1e-9, value - 1e-9, value + 1e-9]
    return where, params


def search(ledger: Ledger, words: list[str], filters: Filters, limit: int = 50) -> tuple[list[dict[str, Any]], int]:
    """Claims holding the words (all, else any) and passing the filters, best first, at most ``limit`` of
    them; and how many there are in all."""
    where, params = _conditions(filters)
    conn = ledger.conn
    rows: list[Any] = []
    total = 0
    if words:
        # FTS5 orders by its own rank (BM25) fastest when asked on the index alone; filters
        # come in as a rowid set so the LIMIT still applies after them.
        restrict = (" AND rowid IN (SELECT c.id FROM claims c WHERE " + " AND ".join(where) + ")") if where else ""
        for joiner in ("AND", "OR"):  # all words first; any word when none has them all
            expression = _fts_expression(words, joiner)
            sql = ("SELECT c.*, hit.rank AS rank FROM (SELECT rowid, rank FROM claims_fts WHERE claims_fts MATCH ?"
                   + restrict + " ORDER BY rank LIMIT ?) AS hit JOIN claims c ON c.id = hit.rowid"
                   " ORDER BY hit.rank, c.article_id, c.position")
            rows = conn.execute(sql, [expression, *params, limit]).fetchall()
            if rows:
                total = len(rows) if len(rows) < limit else int(conn.execute(
                    "SELECT COUNT(*) FROM claims_fts WHERE claims_fts MATCH ?" + restrict,
                    [expression, *params]).fetchone()[0])
                break
    else:
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        rows = conn.execute("SELECT c.*, 0.0 AS rank FROM claims c" + clause
                            + " ORDER BY c.article_id, c.position LIMIT ?", [*params, limit]).fetchall()
        total = len(rows) if len(rows) < limit else int(conn.execute(
            "SELECT COUNT(*) FROM claims c" + clause, params).fetchone()[0])
    return views(ledger, rows), total


def term_frequency(ledger: Ledger, term: str) -> int | None:
    """How many claims hold the indexed (stemmed) ``term``; None when none does."""
    row = ledger.conn.execute("SELECT doc FROM claims_vocab WHERE term = ?", (term,)).fetchone()
    return int(row[0]) if row else None


def count_matching(ledger: Ledger, word: str, articles: Sequence[str]) -> int:
    """How many claims of ``articles`` hold ``word``."""
    marks = ",".join("?" * len(articles))
    row = ledger.conn.execute(
        "SELECT COUNT(*) FROM claims_fts WHERE claims_fts MATCH ? AND rowid IN (SELECT id FROM claims WHERE"
        f" article_id IN ({marks}))", (_fts_expression([word], "AND"), *articles)).fetchone()
    return int(row[0])


def search_sharing(ledger: Ledger, words: list[str], limit: int = 20, exclude: Sequence[str] = (),
                   sourced_only: bool = False) -> list[dict[str, Any]]:
    """Claims that contain at least two of ``words`` (one, when only one is given), best first; none of the
    articles in ``exclude``; with ``sourced_only``, only claims linked to a source."""
    if not words:
        return []
    if len(words) == 1:
        expression = _fts_expression(words, "AND")
    else:
        expression = " OR ".join(f"({_fts_expression([a, b], 'AND')})" for a, b in combinations(words, 2))
    restrict = ""
    if exclude:
        restrict = (" AND rowid NOT IN (SELECT id FROM claims WHERE article_id IN ("
                    + ",".join("?" * len(exclude)) + "))")
    if sourced_only:
        restrict += " AND rowid IN (SELECT id FROM claims WHERE sourced = 1)"
    rows = ledger.conn.execute(
        "SELECT c.*, hit.rank AS rank FROM (SELECT rowid, rank FROM claims_fts WHERE claims_fts MATCH ?"
        + restrict + " ORDER BY rank LIMIT ?) AS hit JOIN claims c ON c.id = hit.rowid ORDER BY hit.rank",
        (expression, *exclude, limit),
    ).fetchall()
    return views(ledger, rows)


def of_article(ledger: Ledger, article_id: str) -> list[dict[str, Any]]:
    """Every claim of one article, in order, as ``views`` gives them, plus its offsets in the article's text
    (``start``, ``end``) and its figures as ``Figure`` objects with offsets in the claim (``figure_objects``)."""
    rows = ledger.conn.execute("SELECT c.*, 0.0 AS rank FROM claims c WHERE c.article_id = ? ORDER BY c.position",
                               (article_id,)).fetchall()
    spans = figure_objects(ledger, {row["id"]: row["text"] for row in rows})
    found = views(ledger, rows, spans)
    for row, view in zip(rows, found, strict=True):
        view |= {"start": row["start_offset"], "end": row["end_offset"], "figure_objects": spans.get(row["id"], [])}
    return found


def figure_objects(ledger: Ledger, texts: dict[int, str]) -> dict[int, list[Figure]]:
    """The stored figures of the claims ``texts`` (claim id -> sentence), with their offsets in the sentence
    (found in it for figures stored before offsets were kept)."""
    out: dict[int, list[Figure]] = {}
    for f in _in_chunks(ledger, "SELECT * FROM claim_figures WHERE claim_id IN ({marks}) ORDER BY claim_id, position",
                        list(texts)):
        start = f["start_offset"]
        if start is None:
            start = max(texts[f["claim_id"]].find(f["text"]), 0)
        end = f["end_offset"] if f["end_offset"] is not None else start + len(f["text"])
        out.setdefault(f["claim_id"], []).append(Figure(
            text=f["text"], start=start, end=end, kind=f["kind"], value=f["value"], value_high=f["value_high"],
            unit=f["unit"], approximate=bool(f["approximate"])))
    return out


def _in_chunks(ledger: Ledger, sql: str, ids: list[Any]) -> list[Any]:
    """Run ``sql`` (with ``{marks}`` for an IN list) over ``ids`` in chunks SQLite accepts."""
    out: list[Any] = []
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        out += ledger.conn.execute(sql.format(marks=",".join("?" * len(chunk))), chunk).fetchall()
    return out


def views(ledger: Ledger, rows: Sequence[Any], spans: dict[int, list[Figure]] | None = None) -> list[dict[str, Any]]:
    """Claim rows with their article title, figures and sources (a handful of queries for any number of rows);
    ``spans``: their figures, when the caller has read them already."""
    claim_ids = [row["id"] for row in rows]
    titles = {row["id"]: row["title"] for row in _in_chunks(
        ledger, "SELECT id, title FROM articles WHERE id IN ({marks})", sorted({row["article_id"] for row in rows}))}
    if spans is None:
        spans = figure_objects(ledger, {row["id"]: row["text"] for row in rows})
    figures = {claim_id: [{"text": f.text, "kind": f.kind, "value": f.value, "value_high": f.value_high,
                           "unit": f.unit, "approximate": f.approximate} for f in found]
               for claim_id, found in spans.items()}
    links = _in_chunks(
        ledger,
        "SELECT cs.*, s.position AS source_position, s.raw, s.status, w.citation_key, w.doi AS work_doi,"
        " w.title AS work_title, w.year AS work_year, w.id AS work_id, w.update_status"
        " FROM claim_sources cs JOIN sources s ON s.id = cs.source_id JOIN works w ON w.id = s.work_id"
        " WHERE cs.claim_id IN ({marks}) ORDER BY cs.claim_id, cs.confidence DESC, s.position", claim_ids)
    authors: dict[int, list[str]] = {}
    for a in _in_chunks(ledger, "SELECT work_id, family, name FROM authors WHERE work_id IN ({marks})"
                        " ORDER BY work_id, position", sorted({link["work_id"] for link in links})):
        authors.setdefault(a["work_id"], []).append(a["family"] or a["name"])
    sources: dict[int, list[dict[str, Any]]] = {}
    for link in links:
        sources.setdefault(link["claim_id"], []).append({
            "source_id": link["source_id"], "citation_key": link["citation_key"],
            "source_position": link["source_position"],
            "authors": authors.get(link["work_id"], []), "year": link["work_year"], "title": link["work_title"],
            "doi": link["work_doi"], "source_status": link["status"], "notice": link["update_status"],
            "method": link["method"], "confidence": link["confidence"], "evidence": json.loads(link["evidence"]),
            "verification": link["verification"],
            "verification_detail": json.loads(link["verification_detail"]) if link["verification_detail"] else [],
        })
    return [{
        "claim_id": row["id"], "article_id": row["article_id"], "article_title": titles.get(row["article_id"]),
        "position": row["position"], "text": row["text"], "kind": row["kind"], "person": row["person"],
        "status": "sourced" if row["sourced"] else "unsourced", "figures": figures.get(row["id"], []),
        "sources": sources.get(row["id"], []), "rank": row["rank"],
    } for row in rows]
