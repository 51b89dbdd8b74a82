"""Tidy tables as CSV for spreadsheets: UTF-8, ISO dates, lists joined with '; ', formulas neutralised."""

from __future__ import annotations

import io
from typing import Any

import pandas as pd

# A cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Prefix a text cell that a spreadsheet would evaluate with an apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(data: pd.DataFrame) -> str:
    buffer = io.StringIO()
    data.map(neutralise).to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()
