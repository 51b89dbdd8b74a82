"""Tidy tables out: CSV for spreadsheets, JSON Lines for pipelines, Parquet for pandas/Arrow/DuckDB.

CSV is UTF-8 (with a byte-order mark for Excel on request), ISO dates, lists joined with '; ', and
formulas neutralised. Empty cells are empty: read it back with
``pd.read_csv(path, dtype=str, keep_default_na=False)`` so that a cell holding "NA", "NULL" or "None"
(a surname, an abbreviation) stays a string. JSON Lines writes one object per row with ``null`` for an
empty cell; Parquet keeps the column types.
"""

from __future__ import annotations

import io
from typing import Any

import pandas as pd

# A cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def neutralise(value: Any) -> Any:
    """Prefix a text cell that a spreadsheet would evaluate with an apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(data: pd.DataFrame, excel: bool = False) -> str:
    buffer = io.StringIO()
    data.map(neutralise).to_csv(buffer, index=False, lineterminator="\n")
    return (BOM if excel else "") + buffer.getvalue()


def to_jsonl(data: pd.DataFrame) -> str:
    if data.empty:
        return ""
    return str(data.to_json(orient="records", lines=True, force_ascii=False, date_format="iso")).rstrip("\n") + "\n"


def to_parquet(data: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    data.to_parquet(buffer, index=False)
    return buffer.getvalue()


def write(data: pd.DataFrame, fmt: str, excel: bool = False) -> str | bytes:
    """A table in ``fmt`` (csv, jsonl or parquet)."""
    if fmt == "parquet":
        return to_parquet(data)
    if fmt == "jsonl":
        return to_jsonl(data)
    return to_csv(data, excel=excel)
