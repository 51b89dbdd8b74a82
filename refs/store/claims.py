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


def replace_for_article(ledger: Ledger, article_id: str, claims: Sequence[Claim], links: Sequence[Link],
                        digest: str | None = None) -> None:
    """Store an article's claims with their figures and links, replacing what it had (one transaction), and
    the ``digest`` of what they were found from."""
    conn = ledger.conn
    by_claim: dict[int, list[Link]] = {}
    for link in links:
        by_claim.setdefault(link.claim_position, []).append(link)
    with ledger.transaction():
        conn.execute("DELETE FROM claims WHERE article_id = ?", (article_id,))
        conn.execute("UPDATE articles SET claims_digest = ? WHERE id = ?", (digest, article_id))
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


_CITED = ("SELECT cs.claim_id FROM claim_sources cs JOIN sources s ON s.id = cs.source_id"
          " JOIN works w ON w.id = s.work_id WHERE {condition}")


@dataclass
class _Conditions:
    """What the filters ask as SQL: conditions on the claims' columns (``c``) with their parameters, and
    sets of claim ids (subqueries giving ``claim_id``, with their parameters) the claims must be in."""

    where: list[str]
    params: list[Any]
    id_sets: list[tuple[str, list[Any]]]

    def among(self, claim_ids: str, params: list[Any]) -> None:
        self.id_sets.append((claim_ids, params))

    def on_claims(self) -> tuple[list[str], list[Any]]:
        """All of them as conditions on ``c``."""
        where = self.where + [f"c.id IN ({claim_ids})" for claim_ids, _ in self.id_sets]
        return where, self.params + [p for _, params in self.id_sets for p in params]

    def on_matches(self) -> tuple[list[str], list[Any]]:
        """All of them as conditions on FTS matches (``c`` joined only for the column conditions)."""
        where, params = list(self.where), list(self.params)
        for claim_ids, ids_params in self.id_sets:
            # Unary + keeps SQLite from handing the list to FTS5, which would look every id up in each
            # word's matches (seconds for a few thousand ids). The id range lets FTS5 seek instead of reading
            # every match: an article's claims are one run of ids (stored in one transaction), and the claims
            # citing a work are few; the set itself still decides. An empty set gives the empty range 0..-1
            # (a NULL bound would not bound the walk).
            where += [f"+claims_fts.rowid IN ({claim_ids})",
                      f"claims_fts.rowid BETWEEN (SELECT COALESCE(MIN(claim_id), 0) FROM ({claim_ids}))"
                      f" AND (SELECT COALESCE(MAX(claim_id), -1) FROM ({claim_ids}))"]
            params += [*ids_params, *ids_params, *ids_params]
        return where, params


def _conditions(filters: Filters) -> _Conditions:
    found = _Conditions([], [], [])
    if filters.unsourced:
        found.where.append("c.sourced = 0")
    if filters.article:
        found.among("SELECT id AS claim_id FROM claims WHERE article_id = ?", [filters.article])
    if filters.source_doi:
        found.among(_CITED.format(condition="w.doi = ?"), [filters.source_doi])
    if filters.person:
        found.where.append("c.person LIKE ?")
        found.params.append(f"%{filters.person}%")
    if filters.author:
        found.among(_CITED.format(condition="w.citation_key = ? OR w.id IN (SELECT a.work_id FROM authors a"
                                            " WHERE a.family = ? COLLATE NOCASE OR a.name LIKE ?)"),
                    [filters.author, filters.author, f"%{filters.author}%"])
    if filters.year is not None:
        found.among(_CITED.format(condition="w.year = ?"), [filters.year])
    for value, is_percent in filters.numbers:
        kinds = ",".join(f"'{k}'" for k in _PERCENT_KINDS)
        condition = f" AND f.kind IN ({kinds})" if is_percent else ""
        # BETWEEN (not ABS) so the value indexes answer it.
        found.among("SELECT f.claim_id FROM claim_figures f WHERE (f.value BETWEEN ? AND ?"
                    f" OR f.value_high BETWEEN ? AND ?){condition}",
                    [value - 1e-9, value + 1e-9, value - 1e-9, value + 1e-9])
    return found


# BM25 reads each match's length and counts every match of each word for its rarity: beyond this many
# matches, only the newest this many are ranked (a query matching a million claims still answers in a
# fraction of a second), and the answer says so.
RANKED_AT_MOST = 5_000


@dataclass(frozen=True)
class Found:
    """One page of a claim lookup: the claims (``views``), how many match in all, and how many of those
    were ranked (all of them, or the newest ``RANKED_AT_MOST`` when more match)."""

    claims: list[dict[str, Any]]
    total: int
    ranked: int


def _matching(where: Sequence[str]) -> str:
    """FROM and WHERE of the matches of an FTS expression (the first parameter) meeting ``where``."""
    # A claim row is read for a match only when a condition needs its columns. The claims a lookup keeps
    # are never given as ``rowid IN (SELECT ...)``: SQLite hands such a list to FTS5, which then looks
    # every id up in each word's matches (minutes for a million ids).
    joined = any(condition.startswith("c.") for condition in where)
    return ("FROM claims_fts" + (" JOIN claims c ON c.id = claims_fts.rowid" if joined else "")
            + " WHERE claims_fts MATCH ?" + "".join(" AND " + condition for condition in where))


def _ranked(ledger: Ledger, expression: str, where: Sequence[str], params: Sequence[Any],
            limit: int) -> tuple[list[Any], bool]:
    """Rows of the claims matching ``expression`` and ``where``, best BM25 score first, at most ``limit``;
    and whether more than ``RANKED_AT_MOST`` matched, so that only the newest of them were ranked."""
    conn = ledger.conn
    # FTS5 walks a word's matches in rowid order without scoring them, so the match just older than the
    # newest RANKED_AT_MOST is cheap to find.
    floor = conn.execute("SELECT claims_fts.rowid " + _matching(where) + " ORDER BY claims_fts.rowid DESC"
                         " LIMIT 1 OFFSET ?", [expression, *params, RANKED_AT_MOST]).fetchone()
    bound, bound_params = (["claims_fts.rowid > ?"], [floor[0]]) if floor else ([], [])
    # bm25() in ORDER BY rather than FTS5's rank column: the same order, and the words' match counts are
    # read once instead of twice.
    rows = conn.execute(
        "SELECT c.*, hit.score AS rank FROM (SELECT claims_fts.rowid AS id, bm25(claims_fts) AS score "
        + _matching([*where, *bound]) + " ORDER BY score, claims_fts.rowid LIMIT ?) AS hit"
        " JOIN claims c ON c.id = hit.id ORDER BY hit.score, c.article_id, c.position",
        [expression, *params, *bound_params, limit]).fetchall()
    return rows, floor is not None


def search(ledger: Ledger, words: list[str], filters: Filters, limit: int = 50) -> Found:
    """Claims holding the words (all, else any) and passing the filters, best first, at most ``limit`` of
    them; with how many there are in all and how many were ranked."""
    conditions = _conditions(filters)
    where, params = conditions.on_matches() if words else conditions.on_claims()
    conn = ledger.conn
    rows: list[Any] = []
    total = 0
    bounded = False
    if words:
        for joiner in ("AND", "OR"):  # all words first; any word when none has them all
            expression = _fts_expression(words, joiner)
            rows, bounded = _ranked(ledger, expression, where, params, limit)
            if rows:
                total = len(rows) if len(rows) < limit else int(conn.execute(
                    "SELECT COUNT(*) " + _matching(where),
                    [expression, *params]).fetchone()[0])
                break
    else:
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        rows = conn.execute("SELECT c.*, 0.0 AS rank FROM claims c" + clause
                            + " ORDER BY c.article_id, c.position LIMIT ?", [*params, limit]).fetchall()
        total = len(rows) if len(rows) < limit else int(conn.execute(
            "SELECT COUNT(*) FROM claims c" + clause, params).fetchone()[0])
    return Found(views(ledger, rows), total, RANKED_AT_MOST if bounded else total)


def counts(ledger: Ledger, article_id: str) -> dict[str, int]:
    """How many claims an article has stored, sourced and not, with how many links, verified and contradicted."""
    row = ledger.conn.execute(
        "SELECT COUNT(DISTINCT c.id), COUNT(DISTINCT CASE WHEN c.sourced THEN c.id END), COUNT(l.claim_id),"
        " COALESCE(SUM(l.verification = 'verified'), 0), COALESCE(SUM(l.verification = 'contradicted'), 0)"
        " FROM claims c LEFT JOIN claim_sources l ON l.claim_id = c.id WHERE c.article_id = ?",
        (article_id,)).fetchone()
    return {name: int(value) for name, value in zip(("claims", "sourced", "links", "verified", "contradicted"),
                                                      row, strict=True)}


def term_frequency(ledger: Ledger, term: str) -> int | None:
    """How many claims hold the indexed (stemmed) ``term``; None when none does."""
    row = ledger.conn.execute("SELECT doc FROM claims_vocab WHERE term = ?", (term,)).fetchone()
    return int(row[0]) if row else None


def count_matching(ledger: Ledger, word: str, articles: Sequence[str]) -> int:
    """How many claims of ``articles`` hold ``word``."""
    marks = ",".join("?" * len(articles))
    row = ledger.conn.execute("SELECT COUNT(*) " + _matching([f"c.article_id IN ({marks})"]),
                              (_fts_expression([word], "AND"), *articles)).fetchone()
    return int(row[0])


def search_sharing(ledger: Ledger, words: list[str], limit: int = 20, exclude: Sequence[str] = (),
                   sourced_only: bool = False) -> list[dict[str, Any]]:
    """Claims that contain at least two of ``words`` (one, when only one is given), best first (among the
    newest ``RANKED_AT_MOST`` when more do); none of the articles in ``exclude``; with ``sourced_only``,
    only claims linked to a source."""
    if not words:
        return []
    if len(words) == 1:
        expression = _fts_expression(words, "AND")
    else:
        expression = " OR ".join(f"({_fts_expression([a, b], 'AND')})" for a, b in combinations(words, 2))
    where = [f"c.article_id NOT IN ({','.join('?' * len(exclude))})"] if exclude else []
    if sourced_only:
        where.append("c.sourced = 1")
    return views(ledger, _ranked(ledger, expression, where, exclude, limit)[0])


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
