"""Tables for the terminal, for JSON consumers and for spreadsheets (the CLI's only pandas code)."""

from __future__ import annotations

import csv
import io
import json
import math
import shutil
import sys
import textwrap
from collections.abc import Iterable
from typing import Any

import pandas as pd

FORMATS = ("table", "json", "csv")


def from_rows(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    """A frame of plain rows, with these columns even when there are no rows."""
    return pd.DataFrame(rows, columns=columns)


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


def write_json_rows(rows: Iterable[dict[str, Any]], json_columns: tuple[str, ...] = ()) -> None:
    """Rows as one JSON array on stdout, written as they come (the same text ``json.dumps(rows, indent=2)``
    gives); ``json_columns`` hold JSON text and are embedded as values."""
    out = sys.stdout
    first = True
    for row in rows:
        for name in json_columns:
            row[name] = json.loads(row[name]) if row[name] else None
        out.write(("[\n" if first else ",\n") + textwrap.indent(json.dumps(row, ensure_ascii=False, indent=2), "  "))
        first = False
    out.write("[]\n" if first else "\n]\n")


def write_csv_rows(rows: Iterable[dict[str, Any]]) -> None:
    """Rows as CSV on stdout (a header row first), written as they come; missing values are empty."""
    writer: csv.DictWriter[str] | None = None
    for row in rows:
        if writer is None:
            writer = csv.DictWriter(sys.stdout, fieldnames=list(row), lineterminator="\n")
            writer.writeheader()
        writer.writerow(row)


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
    """Aligned columns; on a terminal the widest columns are cut with '…' to fit its width; piped, nothing
    is cut (``refs sources | grep 10.1097/...`` finds the whole DOI)."""
    if frame.empty:
        return "(none)"
    if width is None:
        width = shutil.get_terminal_size((120, 24)).columns if sys.stdout.isatty() else 1_000_000
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
