"""``-o FILE``: through symlinks to their target, mode kept, FIFOs written directly, ``-`` is stdout."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from refs import pipeline
from refs.store.ledger import Ledger
from tests.support.paths import SEED_001


@pytest.fixture
def ledger_path(tmp_path: Path) -> Path:
    path = tmp_path / "l.sqlite"
    with Ledger(path) as ledger:
        pipeline.ingest_file(ledger, SEED_001)
    return path


def _export(ledger_path: Path, output: str) -> str:
    result = CliRunner().invoke(cli, ["--library", str(ledger_path), "export", "--format", "bibtex", "-o", output],
                                obj={})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_symlink_stays_a_symlink_and_its_target_is_written(ledger_path: Path, tmp_path: Path) -> None:
    synced = tmp_path / "synced"
    synced.mkdir()
    target = synced / "refs.bib"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "refs.bib"
    link.symlink_to(target)
    _export(ledger_path, str(link))
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8").startswith("% Encoding: UTF-8")


def test_the_mode_of_an_existing_file_is_kept(ledger_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "refs.bib"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o640)
    _export(ledger_path, str(out))
    assert stat.S_IMODE(out.stat().st_mode) == 0o640 and "@article" in out.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".refs.bib")] == []  # no temp file left


def test_a_fifo_is_written_to_not_replaced(ledger_path: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    _export(ledger_path, str(fifo))
    reader.join(10)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert received and received[0].startswith("% Encoding: UTF-8")


def test_dash_is_stdout(ledger_path: Path, tmp_path: Path) -> None:
    out = _export(ledger_path, "-")
    assert out.startswith("% Encoding: UTF-8") and not (tmp_path / "-").exists()
