"""Reading never writes: read commands open the ledger read-only; other programs' SQLite files are never
touched by any command."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from refs import pipeline
from refs.errors import LedgerError
from refs.store import ledger as ledger_mod
from refs.store.ledger import Ledger
from tests.support.paths import FIXTURES, SEED_001

COMMANDS = [
    ["articles"], ["sources"], ["claims", "64.5%"], ["show", "10.2147/ppa.s110632"], ["export", "--format", "ris"],
    ["resolve", "--offline"], ["ingest", str(SEED_001)], ["build", "--offline"],
    ["check", str(FIXTURES / "drafts" / "clean.md"), "--offline"],
]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_someone_elses_sqlite_file_is_byte_identical_after_every_command(tmp_path: Path, command: list[str]
                                                                         ) -> None:
    foreign = tmp_path / "notes.sqlite"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.commit()
    conn.close()
    before = _digest(foreign)
    result = CliRunner().invoke(cli, ["--library", str(foreign), *command], obj={})
    assert result.exit_code == 2 and "not a refs ledger" in result.stderr, result.output
    assert _digest(foreign) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite"]  # no -wal, no -shm


@pytest.mark.parametrize("command", COMMANDS[:5], ids=lambda c: c[0])
def test_read_commands_leave_the_ledger_as_it_was(tmp_path: Path, command: list[str]) -> None:
    library = tmp_path / "l.sqlite"
    with Ledger(library) as ledger:
        pipeline.ingest_file(ledger, SEED_001)
        pipeline.claims(ledger)
        ledger.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = _digest(library)
    result = CliRunner().invoke(cli, ["--library", str(library), *command], obj={})
    assert result.exit_code == 0, result.output
    assert _digest(library) == before


def test_an_old_ledger_that_cannot_be_written_says_read_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    old = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / "ledgers" / "schema-1.sqlite", old)
    monkeypatch.setattr(ledger_mod.os, "access", lambda path, mode: mode != os.W_OK)
    with pytest.raises(LedgerError, match="read-only"):
        Ledger(old, readonly=True)
    with pytest.raises(LedgerError, match="read-only"):
        Ledger(old)  # a write command says so too, before touching it
    result = CliRunner().invoke(cli, ["--library", str(old), "articles"], obj={})
    assert result.exit_code == 2 and "read-only" in result.stderr


def test_an_old_ledger_that_can_be_written_is_upgraded_then_read(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / "ledgers" / "schema-1.sqlite", old)
    result = CliRunner().invoke(cli, ["--library", str(old), "articles", "--format", "csv"], obj={})
    assert result.exit_code == 0 and "verywell-health-emotional-detachment" in result.stdout
