"""Checking and repairing a ledger: SQLite's integrity and foreign-key checks, and the claim index rebuilt."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from refs.store import works
from refs.store.ledger import Ledger


@dataclass
class Health:
    """What ``doctor`` found and did."""

    integrity: list[str] = field(default_factory=list)  # SQLite's findings; empty when the file is sound
    foreign_key_problems: int = 0
    index_rebuilt: bool = False
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def sound(self) -> bool:
        return not self.integrity and not self.foreign_key_problems


def doctor(ledger: Ledger) -> Health:
    """Check the ledger file and rebuild the claims' full-text index from the claims."""
    conn = ledger.conn
    health = Health()
    try:
        found = [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as error:
        found = [str(error)]
    health.integrity = [] if found == ["ok"] else found
    try:
        health.foreign_key_problems = len(conn.execute("PRAGMA foreign_key_check").fetchall())
    except sqlite3.DatabaseError:
        health.foreign_key_problems = -1
    if not ledger.readonly:
        try:
            with ledger.transaction():
                conn.execute("INSERT INTO claims_fts (claims_fts) VALUES ('rebuild')")
                works.delete_orphans(conn)  # the full sweep; runs themselves only look at what they touched
            health.index_rebuilt = True
        except sqlite3.DatabaseError as error:
            health.integrity.append(f"claim index: {error}")
    for table in ("articles", "sources", "works", "claims", "claim_sources", "crossref_cache"):
        try:
            health.counts[table] = int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
        except sqlite3.DatabaseError as error:
            health.integrity.append(f"{table}: {error}")
    return health
