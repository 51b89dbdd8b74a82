"""The tidy tables as CSV for spreadsheets: UTF-8, ISO dates, lists joined with '; ', formulas neutralised."""

from __future__ import annotations

import io
from typing import Any

import pandas as pd

from refs import dataset
from refs.errors import InputError
from refs.ledger import Ledger

TABLES = ("sources", "works", "claims", "links")
# A cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Prefix a text cell that a spreadsheet would evaluate with an apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def frame(ledger: Ledger, table: str, article: str | None = None) -> pd.DataFrame:
    """One tidy table: one row per source, work, claim, or claim–source link."""
    if table not in TABLES:
        raise InputError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
    if article is not None and not ledger.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article,)).fetchone():
        raise InputError(f"no article with id {article!r} (see 'refs articles')")
    if table == "sources":
        return dataset.table(ledger, "sources", "article_id = ?" if article else "", (article,) if article else ())
    if table == "claims":
        return dataset.table(ledger, "claims", "article_id = ?" if article else "", (article,) if article else ())
    if table == "links":
        where = "claim_id IN (SELECT id FROM claims WHERE article_id = ?)" if article else ""
        return dataset.table(ledger, "claim_sources", where, (article,) if article else ())
    where = "id IN (SELECT work_id FROM sources WHERE article_id = ?)" if article else \
        "id IN (SELECT work_id FROM sources)"
    works = dataset.table(ledger, "works", where, (article,) if article else ())
    authors = dataset.table(ledger, "authors")
    labels = authors.assign(label=[
        name if isinstance(name, str) else ", ".join(p for p in (family, given) if isinstance(p, str))
        for name, family, given in zip(authors["name"], authors["family"], authors["given"], strict=True)
    ]).groupby("work_id")["label"].agg("; ".join)
    works.insert(list(works.columns).index("title"), "authors", works["id"].map(labels).astype("string"))
    return works


def to_csv(data: pd.DataFrame) -> str:
    buffer = io.StringIO()
    data.map(neutralise).to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()
