"""Write CSL-JSON (what pandoc --citeproc, Zotero and citeproc-js read), valid against the vendored schema."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from refs.model import Work

_TYPES = {
    "journal-article": "article-journal", "book": "book", "monograph": "book", "edited-book": "book",
    "reference-book": "book", "book-chapter": "chapter", "book-section": "chapter", "book-part": "chapter",
    "reference-entry": "entry", "proceedings-article": "paper-conference", "dissertation": "thesis",
    "report": "report", "dataset": "dataset", "posted-content": "article", "peer-review": "review",
}


def _type(entry: Work) -> str:
    if entry.type:
        return _TYPES.get(entry.type, "article")
    return {"article": "article-journal", "book": "book", "web": "webpage"}.get(entry.kind, "article")


def item(entry: Work) -> dict[str, Any]:
    data: dict[str, Any] = {"id": entry.key, "type": _type(entry)}
    authors = []
    for person in entry.authors:
        if person.name:
            authors.append({"literal": person.name})
        else:
            authors.append({k: v for k, v in (("family", person.family), ("given", person.given)) if v})
    if authors:
        data["author"] = authors
    for name, value in (("title", entry.title), ("container-title", entry.container), ("volume", entry.volume),
                        ("issue", entry.issue), ("page", entry.pages), ("publisher", entry.publisher),
                        ("DOI", entry.doi), ("URL", entry.url), ("ISSN", entry.issn), ("ISBN", entry.isbn)):
        if value:
            data[name] = value
    year, month, day = entry.date_parts
    if year:
        data["issued"] = {"date-parts": [[p for p in (year, month, day) if p]]}
    if entry.notes:
        data["note"] = ". ".join(entry.notes)
    return data


def dumps(entries: list[Work]) -> str:
    return json.dumps([item(e) for e in entries], ensure_ascii=False, indent=2) + "\n"


def schema() -> dict[str, Any]:
    """The CSL-JSON schema shipped with refs (CSL 1.0.1, draft 3; see refs/schemas/README.md)."""
    text = resources.files("refs.export").joinpath("schemas/csl-data.json").read_text(encoding="utf-8")
    return dict(json.loads(text))
