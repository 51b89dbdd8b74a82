"""`refs sources --format json|csv` streams rows, and says exactly what the DataFrame listing says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import tables
from cli.main import cli
from refs.store import frames
from refs.store.ledger import Ledger


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_streamed_rows_equal_the_frame(tmp_path: Path, fmt: str) -> None:
    library = tmp_path / "l.sqlite"
    assert CliRunner().invoke(cli, ["--library", str(library), "build", "--offline"], obj={}).exit_code == 0
    streamed = CliRunner().invoke(cli, ["--library", str(library), "sources", "--format", fmt], obj={}).stdout
    with Ledger(library) as ledger:
        # The oracle, built another way: the sources table with each work's notice merged in.
        notices = frames.table(ledger, "works")[["id", "update_status"]].rename(
            columns={"id": "work_id", "update_status": "notice"})
        frame = frames.table(ledger, "sources").merge(notices, on="work_id", how="left")
    if fmt == "json":
        rows = tables.records(frame)
        for row in rows:
            for name in ("field_methods", "evidence", "disagreements"):
                row[name] = json.loads(row[name]) if row[name] else None
        expected = json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    else:
        expected = tables.render(frame, "csv") + "\n"
    assert streamed == expected and "10.2147/ppa.s110632" in streamed


def test_an_empty_listing_is_an_empty_array(tmp_path: Path) -> None:
    library = tmp_path / "l.sqlite"
    Ledger(library).close()
    out = CliRunner().invoke(cli, ["--library", str(library), "sources", "--format", "json"], obj={}).stdout
    assert out == "[]\n"
