"""A work as the ledger knows it: record, authors, notices, and the sources that cite it."""

from __future__ import annotations

import json
from typing import Any

from refs.ledger import Ledger

_WORK_FIELDS = (
    "doi", "type", "kind", "title", "subtitle", "container", "short_container", "year", "issued", "print_year",
    "volume", "issue", "pages", "article_number", "issn", "isbn", "publisher", "url", "cited_by_count",
    "abstract", "update_status", "metadata_source", "record_fetched_at",
)


def work_view(ledger: Ledger, doi: str) -> dict[str, Any] | None:
    """Everything about the work with ``doi``, or None when the ledger has no such work."""
    conn = ledger.conn
    work = conn.execute(f"SELECT id, {', '.join(_WORK_FIELDS)} FROM works WHERE doi = ?", (doi,)).fetchone()
    if work is None:
        return None
    view: dict[str, Any] = {name: work[name] for name in _WORK_FIELDS}
    view["authors"] = [
        {k: row[k] for k in ("family", "given", "name", "orcid", "source")}
        for row in conn.execute("SELECT * FROM authors WHERE work_id = ? ORDER BY position", (work["id"],))
    ]
    view["updates"] = [
        {k: row[k] for k in ("relation", "update_type", "notice_doi", "label", "source", "date")}
        for row in conn.execute("SELECT * FROM work_updates WHERE work_id = ? ORDER BY date, notice_doi",
                                (work["id"],))
    ]
    view["cited_by"] = [
        {
            "article_id": row["article_id"], "position": row["position"], "raw": row["raw"],
            "status": row["status"], "status_reason": row["status_reason"], "agreement": row["agreement"],
            "disagreements": json.loads(row["disagreements"]) if row["disagreements"] else [],
            "match_score": row["match_score"],
        }
        for row in conn.execute("SELECT * FROM sources WHERE work_id = ? ORDER BY article_id, position",
                                (work["id"],))
    ]
    statuses = sorted({c["status"] for c in view["cited_by"]})
    view["status"] = statuses[0] if len(statuses) == 1 else statuses
    return view
