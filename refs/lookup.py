"""Find claims by figure ("64.5%", "64.5") or by words in any order, ranked by relevance (FTS5, BM25)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from refs import doi as doi_mod
from refs.errors import InputError
from refs.ledger import Ledger

_NUMBER = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*(%|percent\b|per cent\b)?")
_PERCENT_KINDS = ("percentage", "fraction", "proportion")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_STOPWORDS = frozenset(
    "a an and are as at be by for from has have in is it of on or that the this to was were with".split()
)


@dataclass(frozen=True)
class Query:
    numbers: list[tuple[float, bool]]  # (value, is a percentage)
    words: list[str]


def parse_query(text: str) -> Query:
    numbers = [(float(m.group(1)), bool(m.group(2))) for m in _NUMBER.finditer(text)]
    rest = _NUMBER.sub(" ", text)
    return Query(numbers=numbers, words=[w.lower() for w in _WORD.findall(rest)])


def _fts_expression(words: list[str], joiner: str) -> str:
    return f" {joiner} ".join('"' + w.replace('"', '""') + '"' for w in words)


def search(ledger: Ledger, query: str | None = None, *, unsourced: bool = False, article: str | None = None,
           source_doi: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Claims matching ``query`` and the filters, best first, each with its article, sources and checks."""
    conn = ledger.conn
    where: list[str] = []
    params: list[Any] = []
    if unsourced:
        where.append("c.sourced = 0")
    if article:
        where.append("c.article_id = ?")
        params.append(article)
    if source_doi:
        normal = doi_mod.normalize(source_doi)
        if normal is None:
            raise InputError(f"{source_doi!r} is not a DOI")
        where.append("c.id IN (SELECT cs.claim_id FROM claim_sources cs JOIN sources s ON s.id = cs.source_id"
                     " JOIN works w ON w.id = s.work_id WHERE w.doi = ?)")
        params.append(normal)
    parsed = parse_query(query or "")
    for value, is_percent in parsed.numbers:
        kinds = ",".join(f"'{k}'" for k in _PERCENT_KINDS)
        condition = f" AND f.kind IN ({kinds})" if is_percent else ""
        # BETWEEN (not ABS) so the value indexes answer it.
        where.append(
            "c.id IN (SELECT f.claim_id FROM claim_figures f WHERE (f.value BETWEEN ? AND ?"
            f" OR f.value_high BETWEEN ? AND ?){condition})"
        )
        params += [value - 1e-9, value + 1e-9, value - 1e-9, value + 1e-9]
    rows: list[Any] = []
    words = [w for w in parsed.words if w not in _STOPWORDS] or parsed.words
    if words:
        # FTS5 orders by its own rank (BM25) fastest when asked on the index alone; filters
        # come in as a rowid set so the LIMIT still applies after them.
        restrict = (" AND rowid IN (SELECT c.id FROM claims c WHERE " + " AND ".join(where) + ")") if where else ""
        for joiner in ("AND", "OR"):  # all words first; any word when none has them all
            sql = ("SELECT c.*, hit.rank AS rank FROM (SELECT rowid, rank FROM claims_fts WHERE claims_fts MATCH ?"
                   + restrict + " ORDER BY rank LIMIT ?) AS hit JOIN claims c ON c.id = hit.rowid"
                   " ORDER BY hit.rank, c.article_id, c.position")
            rows = conn.execute(sql, [_fts_expression(words, joiner), *params, limit]).fetchall()
            if rows:
                break
    else:
        sql = ("SELECT c.*, 0.0 AS rank FROM claims c" + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY c.article_id, c.position LIMIT ?")
        rows = conn.execute(sql, [*params, limit]).fetchall()
    return [_view(ledger, row) for row in rows]


def rare_words(ledger: Ledger, words: list[str], count: int = 4, known: dict[str, int | None] | None = None
               ) -> list[str]:
    """The ``count`` words of ``words`` that the fewest claims contain (words no claim has are left out).

    The index stores Porter stems, which are (nearly always) prefixes of the word: the longest
    prefix the index knows is the word's stem, and its document count is the word's.
    """
    known = {} if known is None else known  # word -> claims holding it (None: none), shared across calls
    frequency: dict[str, int] = {}
    for word in {w.lower() for w in words if len(w) >= 3 and w.lower() not in _STOPWORDS}:
        if word not in known:
            known[word] = None
            for prefix in [word[:n] for n in range(len(word), 2, -1)]:
                for term in (prefix, prefix[:-1] + "i") if prefix.endswith("y") else (prefix,):
                    row = ledger.conn.execute("SELECT doc FROM claims_vocab WHERE term = ?", (term,)).fetchone()
                    if row:
                        known[word] = int(row[0])
                        break
                if known[word] is not None:
                    break
        found = known[word]
        if found is not None:
            frequency[word] = found
    return sorted(frequency, key=lambda w: (frequency[w], w))[:count]


def search_sharing(ledger: Ledger, words: list[str], limit: int = 20) -> list[dict[str, Any]]:
    """Claims that contain at least two of ``words`` (one, when only one is given), best first."""
    if not words:
        return []
    if len(words) == 1:
        expression = _fts_expression(words, "AND")
    else:
        expression = " OR ".join(f"({_fts_expression([a, b], 'AND')})" for a, b in combinations(words, 2))
    rows = ledger.conn.execute(
        "SELECT c.*, hit.rank AS rank FROM (SELECT rowid, rank FROM claims_fts WHERE claims_fts MATCH ?"
        " ORDER BY rank LIMIT ?) AS hit JOIN claims c ON c.id = hit.rowid ORDER BY hit.rank",
        (expression, limit),
    ).fetchall()
    return [_view(ledger, row) for row in rows]


def _view(ledger: Ledger, row: Any) -> dict[str, Any]:
    conn = ledger.conn
    article = conn.execute("SELECT title FROM articles WHERE id = ?", (row["article_id"],)).fetchone()
    figures = [
        {k: f[k] for k in ("text", "kind", "value", "value_high", "unit")} | {"approximate": bool(f["approximate"])}
        for f in conn.execute("SELECT * FROM claim_figures WHERE claim_id = ? ORDER BY position", (row["id"],))
    ]
    sources = []
    for link in conn.execute(
        "SELECT cs.*, s.position AS source_position, s.raw, s.status, w.citation_key, w.doi AS work_doi,"
        " w.title AS work_title, w.year AS work_year, w.id AS work_id, w.update_status"
        " FROM claim_sources cs JOIN sources s ON s.id = cs.source_id JOIN works w ON w.id = s.work_id"
        " WHERE cs.claim_id = ? ORDER BY cs.confidence DESC, s.position", (row["id"],)
    ):
        authors = [
            a["family"] or a["name"]
            for a in conn.execute("SELECT family, name FROM authors WHERE work_id = ? ORDER BY position",
                                  (link["work_id"],))
        ]
        sources.append({
            "source_id": link["source_id"], "citation_key": link["citation_key"],
            "source_position": link["source_position"],
            "authors": authors, "year": link["work_year"], "title": link["work_title"], "doi": link["work_doi"],
            "source_status": link["status"], "notice": link["update_status"],
            "method": link["method"], "confidence": link["confidence"], "evidence": json.loads(link["evidence"]),
            "verification": link["verification"],
            "verification_detail": json.loads(link["verification_detail"]) if link["verification_detail"] else [],
        })
    return {
        "claim_id": row["id"], "article_id": row["article_id"], "article_title": article["title"] if article else None,
        "position": row["position"], "text": row["text"], "kind": row["kind"], "person": row["person"],
        "status": "sourced" if row["sourced"] else "unsourced", "figures": figures, "sources": sources,
        "rank": row["rank"],
    }
