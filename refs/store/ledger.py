"""The ledger file: a SQLite connection, numbered migrations, and one-transaction writes.

Migrations are the files ``migrations/NNNN_name.sql``, applied in order, each in
its own transaction together with its row in ``schema_migrations`` and the new
``user_version``: an upgrade cut short leaves the ledger at the last complete
version. A ledger written by a newer refs is refused. The file is marked with
``PRAGMA application_id`` so refs never writes into someone else's SQLite file:
such a file is refused before anything is written to it.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Self

import platformdirs

from refs.errors import LedgerError

ENV_LIBRARY = "REFS_LIBRARY"
Damaged = sqlite3.DatabaseError  # what reading a damaged ledger raises (a malformed page, a truncated file)
RECOVERY = ("keep a copy, then rebuild it from your articles (refs --library NEW.sqlite build --articles DIR) "
            "or salvage it with the sqlite3 shell (sqlite3 LEDGER .recover | sqlite3 NEW.sqlite)")
APPLICATION_ID = 0x52454653  # "REFS"
_MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
# The tables of a ledger written before migrations were recorded (schema version 1).
_VERSION_1_TABLES = {"articles", "works", "sources", "authors", "crossref_cache", "claims"}


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations() -> list[Migration]:
    """Every migration shipped with refs, in order; numbers run 1, 2, 3... without gaps."""
    found = []
    for item in resources.files("refs.store").joinpath("migrations").iterdir():
        match = _MIGRATION_NAME.match(item.name)
        if match:
            found.append(Migration(int(match.group(1)), match.group(2), item.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    if [m.version for m in found] != list(range(1, len(found) + 1)):
        raise RuntimeError("refs' migrations are not numbered 1, 2, 3... (a file is missing or misnamed)")
    return found


SCHEMA_VERSION = len(migrations())


def default_library() -> Path:
    """``$REFS_LIBRARY`` if set, else ``ledger.sqlite`` in the user's data directory."""
    env = os.environ.get(ENV_LIBRARY)
    if env:
        return Path(env).expanduser()
    return platformdirs.user_data_path("refs") / "ledger.sqlite"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _writable(path: Path) -> bool:
    """Can refs write this ledger (the file and, for its journal, the folder)?"""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def open_existing(path: Path) -> Ledger:
    """An existing ledger, opened for writing where it can be written, else read-only."""
    return Ledger(path, create=False, readonly=path.exists() and not _writable(path))


class Ledger:
    """An open ledger file; ``readonly`` for commands that only read (nothing is written to the file)."""

    def __init__(self, path: Path, *, create: bool = True, readonly: bool = False) -> None:
        self.path = path
        self.readonly = readonly
        self._depth = 0  # transactions open (nested ones join the outermost)
        if path.is_dir():
            raise LedgerError(f"{path}: is a directory, not a ledger file")
        if (readonly or not create) and not path.exists():
            raise LedgerError(f"{path}: no ledger here yet (run 'refs ingest' or 'refs build' first)")
        if not readonly and path.exists() and not _writable(path):
            raise LedgerError(f"{path}: the ledger is read-only here (this command writes to it)")
        try:
            if readonly:
                self._open_readonly()
            else:
                if create:
                    path.parent.mkdir(parents=True, exist_ok=True)
                self.conn = sqlite3.connect(path, isolation_level=None)
                self.conn.row_factory = sqlite3.Row
                self._check_identity()
                self.conn.execute("PRAGMA foreign_keys = ON")
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
                self._migrate()
        except sqlite3.DatabaseError as error:
            self._close_quietly()
            if "readonly" in str(error).replace("-", "").replace(" ", "").lower():
                raise LedgerError(f"{path}: the ledger is read-only ({error})") from None
            if "malformed" in str(error):
                raise LedgerError(f"{path}: the ledger is damaged ({error}); {RECOVERY}") from None
            raise LedgerError(f"{path}: not a refs ledger ({error})") from None
        except OSError as error:
            self._close_quietly()
            raise LedgerError(f"{path}: cannot open ledger ({error.strerror})") from None
        except LedgerError:
            self._close_quietly()
            raise

    def _open_readonly(self) -> None:
        """Open without writing: no journal-mode switch, no migration (an old ledger is upgraded first when
        it can be written, else refused). A ledger on a read-only mount is opened as immutable."""
        uri = self.path.resolve().as_uri()
        self.conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None)
        self.conn.row_factory = sqlite3.Row
        try:
            self._check_identity()
        except sqlite3.OperationalError:
            # A WAL ledger whose folder cannot be written has no shared-memory file to read through.
            self.conn.close()
            self.conn = sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None)
            self.conn.row_factory = sqlite3.Row
            self._check_identity()
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise LedgerError(f"{self.path}: written by a newer refs (schema {version}, this refs knows "
                              f"{SCHEMA_VERSION}); upgrade refs to use it")
        if version < SCHEMA_VERSION:
            self.conn.close()
            if not _writable(self.path):
                raise LedgerError(f"{self.path}: the ledger is read-only and was written by an older refs "
                                  f"(schema {version}); open it once where it can be written to upgrade it")
            Ledger(self.path).close()  # upgrade, then read
            self._open_readonly()

    def _close_quietly(self) -> None:
        conn = getattr(self, "conn", None)
        if conn is not None:
            conn.close()

    def _pragma(self, name: str) -> int:
        return int(self.conn.execute(f"PRAGMA {name}").fetchone()[0])

    def _check_identity(self) -> None:
        """Refuse, before writing anything, a SQLite file that is not a refs ledger."""
        application_id = self._pragma("application_id")
        if application_id == APPLICATION_ID:
            return
        if application_id != 0:
            raise LedgerError(f"{self.path}: not a refs ledger (a SQLite file of another program)")
        tables = {row[0] for row in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            return  # a new ledger
        if self._pragma("user_version") == 1 and tables >= _VERSION_1_TABLES:
            return  # written by refs before ledgers were marked
        raise LedgerError(f"{self.path}: not a refs ledger (a SQLite file with other tables); refs leaves it alone")

    @property
    def schema_version(self) -> int:
        return self._pragma("user_version")

    def _migrate(self) -> None:
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise LedgerError(f"{self.path}: written by a newer refs (schema {version}, this refs knows "
                              f"{SCHEMA_VERSION}); upgrade refs to use it")
        if version == 1 and not self.conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").fetchone():
            self._apply(migrations()[0], adopting=True)  # schema 1 is there; record it
        for migration in migrations()[version:]:
            self._apply(migration)

    def _apply(self, migration: Migration, adopting: bool = False) -> None:
        """Run one migration in one transaction, with its record and the new schema version."""
        record = (
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
            " applied_at TEXT NOT NULL)",
            f"INSERT INTO schema_migrations (version, name, applied_at) VALUES ({migration.version},"
            f" '{migration.name}', '{_now()}')",
            f"PRAGMA application_id = {APPLICATION_ID}",
            f"PRAGMA user_version = {migration.version}",
        )
        body = "" if adopting else migration.sql
        # A migration may copy a table into a new one (SQLite's way to change a constraint): foreign keys are
        # off while it runs, so dropping the old table deletes nothing that refers to it, and checked before
        # it commits (SQLite ignores the pragma inside a transaction, hence around it).
        self.conn.execute("PRAGMA foreign_keys = OFF")
        try:
            self.conn.executescript(f"BEGIN IMMEDIATE;\n{body}\n;")
            broken = self.conn.execute("PRAGMA foreign_key_check").fetchone()
            if broken is not None:
                raise LedgerError(f"{self.path}: migration {migration.version} ({migration.name}) would leave "
                                  f"a row of {broken[0]} pointing at nothing; the ledger is left as it was")
            for statement in record:  # one by one: executescript would commit the migration first
                self.conn.execute(statement)
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        finally:
            self.conn.execute("PRAGMA foreign_keys = ON")

    def applied_migrations(self) -> list[tuple[int, str]]:
        """(version, name) of every migration recorded in this ledger."""
        return [(int(row[0]), str(row[1]))
                for row in self.conn.execute("SELECT version, name FROM schema_migrations ORDER BY version")]

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it lands, or none of it. Inside another, it is part of that one."""
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        self.conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")
        finally:
            self._depth = 0

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
