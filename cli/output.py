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


def _author_text(author: dict[str, Any]) -> str:
    if author.get("name"):
        return str(author["name"])
    text = " ".join(p for p in (author.get("given"), author.get("family")) if p)
    return text + (f" (ORCID {author['orcid']})" if author.get("orcid") else "")


def work_text(view: dict[str, Any]) -> str:
    """A work for people: record first, then notices, then who cites it and with what status."""
    lines = [f"{view['doi']}  [{view['status'] if isinstance(view['status'], str) else ', '.join(view['status'])}]"]
    if view.get("update_status"):
        lines.append(f"NOTICE: this work is {view['update_status'].replace('_', ' ')}")
    lines.append(f"title:      {view.get('title') or ''}")
    lines.append(f"authors:    {'; '.join(_author_text(a) for a in view['authors'])}")
    numbers = ", ".join(
        f"{label} {view[key]}" for key, label in (("volume", "vol."), ("issue", "no."), ("pages", "pp."))
        if view.get(key)
    )
    lines.append(f"published:  {view.get('container') or ''} {view.get('issued') or view.get('year') or ''}"
                 + (f"; {numbers}" if numbers else ""))
    for key in ("type", "publisher", "issn", "cited_by_count", "metadata_source", "record_fetched_at"):
        if view.get(key) is not None:
            lines.append(f"{key + ':':<19}{view[key]}")
    for update in view["updates"]:
        lines.append(f"{update['relation']}: {update['update_type']} {update.get('notice_doi') or ''} "
                     f"{update.get('date') or ''} ({update.get('source') or 'source not stated'})")
    if view.get("abstract"):
        lines.append("abstract:   " + view["abstract"])
    lines.append("cited by:")
    for source in view["cited_by"]:
        detail = source["agreement"] or ""
        if source["disagreements"]:
            detail += ": " + ", ".join(d["field"] for d in source["disagreements"])
        lines.append(f"  {source['article_id']} #{source['position']}  {source['status']}"
                     + (f" ({source['status_reason']})" if source["status_reason"] else "")
                     + (f"  {detail}" if detail else ""))
    return "\n".join(lines)


def claims_text(found: list[dict[str, Any]]) -> str:
    """Claims for people: the sentence, where it is from, and each source with how refs knows."""
    if not found:
        return "(no claims found)"
    blocks = []
    for claim in found:
        head = f"{claim['article_id']} #{claim['position']} [{claim['kind']}, {claim['status']}]"
        if claim.get("person"):
            head += f" attributed to {claim['person']}"
        lines = [head, "  " + claim["text"]]
        for source in claim["sources"]:
            who = ", ".join(source["authors"][:3]) + (" et al." if len(source["authors"]) > 3 else "")
            lines.append(
                f"  <- [{source['citation_key']}] {who} {source['year'] or 'n.d.'}. {source['title'] or ''}"
                + (f" doi:{source['doi']}" if source["doi"] else "")
            )
            detail = f"     {source['method']}, confidence {source['confidence']:.2f}"
            if source["verification"]:
                detail += f", {source['verification']}"
            if source["notice"]:
                detail += f", work {source['notice']}"
            lines.append(detail)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
