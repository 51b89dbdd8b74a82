"""Render tables for the terminal, for JSON consumers and for spreadsheets."""

from __future__ import annotations

import io
import json
import math
import shutil
from typing import Any

import pandas as pd

FORMATS = ("table", "json", "csv")


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as plain dicts, missing values as None (JSON null)."""
    out: list[dict[str, Any]] = []
    for row in frame.astype(object).itertuples(index=False):
        record: dict[str, Any] = {}
        for name, value in zip(frame.columns, row, strict=True):
            if value is pd.NA or (isinstance(value, float) and math.isnan(value)):
                value = None
            elif hasattr(value, "item"):
                value = value.item()
            record[str(name)] = value
        out.append(record)
    return out


def to_json(frame: pd.DataFrame) -> str:
    return json.dumps(records(frame), ensure_ascii=False, indent=2)


def to_csv(frame: pd.DataFrame) -> str:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def _cell(value: Any) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    return " ".join(str(value).split())


def to_table(frame: pd.DataFrame, width: int | None = None) -> str:
    """Aligned columns; the widest columns are cut with '…' to fit the terminal."""
    if frame.empty:
        return "(none)"
    width = width or shutil.get_terminal_size((120, 24)).columns
    cells = [[_cell(v) for v in row] for row in frame.astype(object).itertuples(index=False)]
    headers = [str(c) for c in frame.columns]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    budget = max(width - 2 * (len(widths) - 1), 10 * len(widths))
    while sum(widths) > budget:
        widest = max(range(len(widths)), key=lambda i: widths[i])
        if widths[widest] <= 8:
            break
        widths[widest] -= 1

    def fit(text: str, size: int) -> str:
        return text if len(text) <= size else text[: size - 1] + "…"

    lines = ["  ".join(fit(h, w).ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    for row in cells:
        lines.append("  ".join(fit(c, w).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(lines)


def render(frame: pd.DataFrame, fmt: str) -> str:
    if fmt == "json":
        return to_json(frame)
    if fmt == "csv":
        return to_csv(frame).rstrip("\n")
    return to_table(frame)
