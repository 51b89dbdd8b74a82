"""The ledger's tables as pandas DataFrames with stable dtypes, read from the schema itself.

Text columns are pandas' nullable ``string`` dtype (a family name "NA" stays
the string "NA"), integers ``Int64``, reals ``Float64``, and columns the
schema constrains to 0/1 ``boolean``. Article bodies are left out.
"""

from __future__ import annotations

import re
from functools import cache

import pandas as pd

from refs.errors import InputError
from refs.store import articles, sources
from refs.store.ledger import Ledger

TABLES = ("articles", "sources", "source_authors", "works", "authors", "work_updates", "claims", "claim_figures",
          "claim_sources")
# An article's text is the file's; its reading notes are the run's warnings, many to a cell; its claims
# digest is bookkeeping.
_LEFT_OUT = {("articles", "body"), ("articles", "reading_notes"), ("articles", "claims_digest")}
_DTYPES = {"TEXT": "string", "INTEGER": "Int64", "REAL": "Float64"}
_BOOLEAN = re.compile(r"CHECK\s*\((\w+)\s+IN\s*\(0,\s*1\)\)", re.IGNORECASE)
_ORDER = {
    "articles": "id",
    "sources": "article_id, position",
    "source_authors": "source_id, position",
    "works": "id",
    "authors": "work_id, position",
    "work_updates": "work_id, relation, date, notice_doi",
    "claims": "article_id, position",
    "claim_figures": "claim_id, position",
    "claim_sources": "claim_id, confidence DESC, source_id",
}


def _columns(ledger: Ledger, name: str) -> dict[str, str]:
    """Column -> pandas dtype, in the table's order, as the ledger's schema declares them."""
    sql = ledger.conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone()
    booleans = set(_BOOLEAN.findall(sql[0])) if sql else set()
    return _column_types(tuple((row["name"], row["type"]) for row in ledger.conn.execute(
        f"PRAGMA table_info({name})")), frozenset(booleans), name)


@cache
def _column_types(declared: tuple[tuple[str, str], ...], booleans: frozenset[str], table: str) -> dict[str, str]:
    return {column: "boolean" if column in booleans else _DTYPES.get(kind.upper(), "object")
            for column, kind in declared if (table, column) not in _LEFT_OUT}


def table(ledger: Ledger, name: str, where: str = "", params: tuple[object, ...] = ()) -> pd.DataFrame:
    """One ledger table as a DataFrame (``where`` is an optional SQL filter)."""
    if name not in TABLES:
        raise KeyError(f"unknown table {name!r}; tables: {', '.join(TABLES)}")
    columns = _columns(ledger, name)
    sql = f"SELECT {', '.join(columns)} FROM {name} {('WHERE ' + where) if where else ''} ORDER BY {_ORDER[name]}"
    rows = ledger.conn.execute(sql, params).fetchall()
    frame = pd.DataFrame.from_records([tuple(row) for row in rows], columns=list(columns))
    return frame.astype(columns)


def tables(ledger: Ledger) -> dict[str, pd.DataFrame]:
    """Every ledger table, by name."""
    return {name: table(ledger, name) for name in TABLES}


def sources_listing(ledger: Ledger, article: str | None = None) -> pd.DataFrame:
    """Reference entries (of one article, or all) with their work's notice as ``notice``."""
    articles.require(ledger, article)
    columns = _columns(ledger, "sources") | {"notice": "string"}
    rows = list(sources.listing(ledger, article))
    return pd.DataFrame.from_records(rows, columns=list(columns)).astype(columns)


EXPORT_TABLES = ("sources", "works", "claims", "links")


def export_table(ledger: Ledger, name: str, article: str | None = None) -> pd.DataFrame:
    """One tidy table for export: one row per source, work (with its authors), claim, or claim–source link."""
    if name not in EXPORT_TABLES:
        raise InputError(f"unknown table {name!r}; choose one of {', '.join(EXPORT_TABLES)}")
    articles.require(ledger, article)
    only = (article,) if article else ()
    if name == "sources":
        return table(ledger, "sources", "article_id = ?" if article else "", only)
    if name == "claims":
        return table(ledger, "claims", "article_id = ?" if article else "", only)
    if name == "links":
        where = "claim_id IN (SELECT id FROM claims WHERE article_id = ?)" if article else ""
        return table(ledger, "claim_sources", where, only)
    where = "id IN (SELECT work_id FROM sources WHERE article_id = ?)" if article else \
        "id IN (SELECT work_id FROM sources)"
    works = table(ledger, "works", where, only)
    authors = table(ledger, "authors")
    labels = authors.assign(label=[
        name if isinstance(name, str) else ", ".join(p for p in (family, given) if isinstance(p, str))
        for name, family, given in zip(authors["name"], authors["family"], authors["given"], strict=True)
    ]).groupby("work_id")["label"].agg("; ".join)
    works.insert(list(works.columns).index("title"), "authors", works["id"].map(labels).astype("string"))
    return works
