"""Write CSL-JSON (what pandoc --citeproc, Zotero and citeproc-js read), valid against the vendored schema.

Each entry is its CSL item with its citation key as ``id``; a retraction or correction is in ``note`` and
``status`` (where styles print them), the ledger's annotation only on request (in ``annote``, which no
style prints). An author list the citing reference cut with "et al." is flagged in ``note``."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable
from importlib import resources
from typing import Any

from refs.export.entries import Entry
from refs.model import UpdateStatus

_STATUS = {UpdateStatus.RETRACTED: "retracted", UpdateStatus.WITHDRAWN: "withdrawn",
           UpdateStatus.EXPRESSION_OF_CONCERN: "expression of concern", UpdateStatus.CORRECTED: "corrected"}


def item(entry: Entry) -> dict[str, Any]:
    data: dict[str, Any] = {"id": entry.key, **entry.item}
    if entry.remarks:
        data["note"] = ". ".join(entry.remarks)
    if entry.status in _STATUS:
        data["status"] = _STATUS[entry.status]
    if entry.annotation:
        data["annote"] = entry.annotation
    return data


def dumps(entries: Iterable[Entry]) -> str:
    """A CSL-JSON array, laid out as ``json.dumps(items, indent=2)`` would, one item at a time."""
    items = [textwrap.indent(json.dumps(item(e), ensure_ascii=False, indent=2), "  ") for e in entries]
    return ("[\n" + ",\n".join(items) + "\n]" if items else "[]") + "\n"


def schema() -> dict[str, Any]:
    """The CSL-JSON schema shipped with refs (CSL 1.0.1, draft 3; see refs/schemas/README.md)."""
    text = resources.files("refs.export").joinpath("schemas/csl-data.json").read_text(encoding="utf-8")
    return dict(json.loads(text))
