"""Synthetic Crossref records and articles for load tests and benchmarks.

Labelled as such: they describe no real work. DOIs use Crossref's test prefix
10.5555; the record shape is copied from a recorded sample so the parser
sees Crossref's true schema.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from tests.support.paths import SAMPLES

_TEMPLATE = json.loads(
    (SAMPLES / "work_journal-article_plos_references_updated-by-correction.json").read_text(encoding="utf-8")
)["message"]


def doi(number: int) -> str:
    return f"10.5555/refs-synthetic-{number:05d}"


def records(count: int) -> dict[str, dict[str, Any]]:
    """``count`` synthetic work records keyed by DOI."""
    out: dict[str, dict[str, Any]] = {}
    for number in range(count):
        record = copy.deepcopy(_TEMPLATE)
        record.pop("reference", None)
        record.pop("updated-by", None)
        record["DOI"] = doi(number)
        record["title"] = [f"Synthetic benchmark record number {number}"]
        record["author"] = [{"given": "Test", "family": f"Synthetic{number}", "sequence": "first"}]
        out[doi(number)] = record
    return out


def article(path: Path, numbers: range) -> Path:
    """An article whose reference list cites the synthetic records ``numbers`` by DOI."""
    lines = ["Synthetic article for refs' load tests", "", "References"]
    for number in numbers:
        lines.append(
            f"{number + 1}. Synthetic{number} T. Synthetic benchmark record number {number}. PLoS One. "
            f"2012;7(3):e33693. doi:{doi(number)}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
