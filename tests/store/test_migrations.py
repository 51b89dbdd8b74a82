"""Migrations: numbered, applied once in order and recorded; old ledgers upgrade; newer and foreign files
are refused."""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from refs import model, pipeline
from refs.errors import LedgerError
from refs.store import ledger as ledger_mod
from refs.store import sources
from refs.store.ledger import APPLICATION_ID, SCHEMA_VERSION, Ledger, migrations
from tests.support.paths import FIXTURES, SEED_001

SCHEMA_1 = FIXTURES / "ledgers" / "schema-1.sqlite"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_new_ledger_records_every_migration_and_marks_itself(library: Path) -> None:
    with Ledger(library) as ledger:
        assert ledger.applied_migrations() == [(m.version, m.name) for m in migrations()]
        assert ledger.schema_version == SCHEMA_VERSION == len(migrations()) >= 3
        assert ledger.conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    with Ledger(library) as again:  # opening again applies nothing twice
        assert len(again.applied_migrations()) == SCHEMA_VERSION


def test_a_schema_1_ledger_is_upgraded_and_keeps_its_data(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite"
    shutil.copy(SCHEMA_1, old)
    with Ledger(old) as ledger:
        assert [v for v, _ in ledger.applied_migrations()] == list(range(1, SCHEMA_VERSION + 1))
        assert ledger.conn.execute("SELECT COUNT(*) FROM sources").fetchone()[0] == 12
        # Entries stored before authors were kept per entry get them once, when a stage needs them.
        assert len(sources.missing_authors(ledger)) == 12
        assert sources.backfill_pending(ledger)
        assert sources.backfill_pending(ledger, "claims")
        pipeline.claims(ledger)
        assert sources.missing_authors(ledger) == [] and not sources.backfill_pending(ledger)
        assert not sources.backfill_pending(ledger, "claims")  # every article's claims were made again
        entries = {e.position: e for e in sources.load(ledger)}
        assert [a.family for a in entries[2].authors] == ["Dvir", "Ford", "Hill", "Frazier"]
        assert [a.name for a in entries[1].authors] == ["Berkeley Well-Being Institute"]
        assert ledger.conn.execute(
            "SELECT COUNT(*) FROM claims WHERE text LIKE '%64.5% reported feeling emotionally numb%'").fetchone()[0]


def test_schema_5_gives_doi_mismatch_its_status_and_claims_their_reasons(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite"
    shutil.copy(SCHEMA_1, old)
    with sqlite3.connect(old) as raw:  # a resolved entry whose record disagreed with it, as refs 1 stored it
        raw.execute("UPDATE sources SET status = 'resolved', agreement = 'disagrees' WHERE position = 9")
        before = raw.execute("SELECT COUNT(*) FROM claims").fetchone()[0]
    with Ledger(old) as ledger:
        statuses = dict(ledger.conn.execute("SELECT position, status FROM sources").fetchall())
        assert statuses[9] == "doi_mismatch" and statuses[8] == "pending"
        # The tables were copied with their rows, ids and links; nothing points at nothing.
        assert ledger.conn.execute("SELECT COUNT(*) FROM claims").fetchone()[0] == before
        assert ledger.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert ledger.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        with pytest.raises(sqlite3.IntegrityError):  # the new kinds' constraint holds
            ledger.conn.execute("UPDATE claims SET kind = 'attribution'")
        # Claims made by the old rules are made again, once, by the next run.
        assert sources.backfill_pending(ledger, "claims")
        pipeline.ingest(ledger, [])
        assert not sources.backfill_pending(ledger, "claims")
        reasons = [row[0] for row in ledger.conn.execute("SELECT reason FROM claims")]
        assert len(reasons) > before and all(reasons)


def test_an_interrupted_migration_leaves_the_last_complete_version(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    old = tmp_path / "old.sqlite"
    shutil.copy(SCHEMA_1, old)
    real = migrations()
    broken = [*real[:2], ledger_mod.Migration(3, real[2].name, real[2].sql + "\nTHIS IS NOT SQL;")]
    monkeypatch.setattr(ledger_mod, "migrations", lambda: broken)
    with pytest.raises(LedgerError):
        Ledger(old)
    conn = sqlite3.connect(old)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    columns = {row[1] for row in conn.execute("PRAGMA table_info(claim_figures)")}
    assert "start_offset" not in columns  # migration 3 did not half-happen
    conn.close()
    monkeypatch.setattr(ledger_mod, "migrations", lambda: real)
    with Ledger(old) as ledger:
        assert ledger.schema_version == SCHEMA_VERSION


def test_a_newer_ledger_is_refused(library: Path) -> None:
    Ledger(library).close()
    conn = sqlite3.connect(library)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(LedgerError, match="newer refs"):
        Ledger(library)


def test_someone_elses_sqlite_file_is_refused_and_left_byte_identical(tmp_path: Path) -> None:
    foreign = tmp_path / "notes.sqlite"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('mine')")
    conn.commit()
    conn.close()
    before = _digest(foreign)
    with pytest.raises(LedgerError, match="not a refs ledger"):
        Ledger(foreign)
    assert _digest(foreign) == before
    assert not Path(str(foreign) + "-wal").exists()
    other_app = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other_app)
    conn.execute("PRAGMA application_id = 42")
    conn.close()
    with pytest.raises(LedgerError, match="another program"):
        Ledger(other_app)


def test_migrations_are_numbered_files_without_if_not_exists() -> None:
    found = migrations()
    assert [m.version for m in found] == list(range(1, len(found) + 1))
    for migration in found:
        # A changed table must never be silently kept: every statement creates or alters for real.
        assert "IF NOT EXISTS" not in migration.sql.upper()
        assert re.fullmatch(r"[a-z0-9_]+", migration.name)


def _check_values(sql: str, column: str) -> set[str]:
    found = re.search(rf"\b{column}\b[^,]*?CHECK \({column} IN \(([^)]*)\)\)", sql, re.DOTALL)
    assert found, column
    return set(re.findall(r"'([^']*)'", found.group(1)))


@pytest.mark.parametrize(("table", "column", "words"), [
    ("articles", "title_source", model.TitleSource),
    ("articles", "format", model.ArticleFormat),
    ("works", "metadata_source", model.MetadataSource),
    ("works", "update_status", model.UpdateStatus),
    ("works", "key_source", model.MetadataSource),
    ("work_updates", "relation", model.UpdateRelation),
    ("sources", "status", model.SourceStatus),
    ("claims", "kind", model.ClaimKind),
    ("claim_sources", "method", model.LinkMethod),
    ("claim_sources", "verification", model.Verification),
])
def test_status_words_in_the_schema_are_the_models(library: Path, table: str, column: str,
                                                   words: type[model.StrEnum]) -> None:
    with Ledger(library) as ledger:
        sql = ledger.conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    assert _check_values(sql, column) == {w.value for w in words}


def test_ingest_stores_structured_authors_per_entry(library: Path) -> None:
    with Ledger(library) as ledger:
        pipeline.ingest_file(ledger, SEED_001)
        assert not sources.backfill_pending(ledger)  # a new ledger has nothing to backfill
        entries = {e.position: e for e in sources.load(ledger)}
        assert [(a.family, a.given) for a in entries[9].authors][:2] == [("Cartwright", "C"), ("Gibson", "K")]
        assert entries[9].doi == "10.2147/ppa.s110632" and entries[9].methods["doi"] == "reference-text"
