"""Raw Crossref answers (``crossref_cache``): a work record by DOI, a 404, or a search's candidates."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from refs.store.ledger import Ledger

FOUND = "found"
NOT_FOUND = "not_found"


def get_many(ledger: Ledger, keys: Iterable[str]) -> dict[str, tuple[str, Any]]:
    """Cached answers by key: (``found`` with the body, or ``not_found`` with None)."""
    found: dict[str, tuple[str, Any]] = {}
    keys = list(keys)
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for row in ledger.conn.execute(f"SELECT key, status, body FROM crossref_cache WHERE key IN ({marks})", chunk):
            found[row["key"]] = (row["status"], json.loads(row["body"]) if row["body"] else None)
    return found


def put(ledger: Ledger, key: str, status: str, body: Any) -> None:
    """Store one answer (inside the caller's transaction, if any), replacing an older one."""
    ledger.conn.execute(
        "INSERT INTO crossref_cache (key, status, body, fetched_at) VALUES (?,?,?,?) "
        "ON CONFLICT(key) DO UPDATE SET status = excluded.status, body = excluded.body, "
        "fetched_at = excluded.fetched_at",
        (key, status, json.dumps(body, ensure_ascii=False) if body is not None else None,
         datetime.now(UTC).isoformat(timespec="seconds")),
    )


def copy(source: Ledger, target: Ledger) -> None:
    """Add to ``target`` every cached answer of ``source`` it lacks (one transaction)."""
    with target.transaction():
        for row in source.conn.execute("SELECT key, status, body, fetched_at FROM crossref_cache"):
            target.conn.execute("INSERT OR IGNORE INTO crossref_cache (key, status, body, fetched_at)"
                                " VALUES (?,?,?,?)", tuple(row))
