"""A dead network costs seconds: connect timeout, circuit breaker, deadline, Ctrl-C; wrong settings are
one clear line with exit status 2."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from refs import pipeline
from refs.crossref import resolve
from refs.crossref.client import CrossrefClient, Settings
from refs.errors import ConfigError
from refs.store.ledger import Ledger
from tests.support import dead_hosts
from tests.support.paths import FIXTURES, ROOT, SEED_001


def _ledger(tmp_path: Path) -> Ledger:
    ledger = Ledger(tmp_path / "l.sqlite")
    pipeline.ingest_file(ledger, SEED_001)  # 8 DOIs, 4 web pages
    pipeline.ingest_file(ledger, FIXTURES / "articles" / "apa_references.txt")
    return ledger


@pytest.mark.parametrize("host", [dead_hosts.silent, dead_hosts.dropping])
def test_a_dead_host_is_given_up_on_within_seconds(tmp_path: Path, host: object) -> None:
    ledger = _ledger(tmp_path)
    with host() as url:  # type: ignore[operator]
        client = CrossrefClient(Settings(url, "tests@example.org", timeout=1.0))
        started = time.monotonic()
        summary = resolve.resolve(ledger, client)
        elapsed = time.monotonic() - started
    assert elapsed < 8, elapsed
    assert summary.resolved == summary.not_found == 0 and summary.could_not_check >= 8
    assert summary.network_problem and "unreachable" in summary.network_problem
    assert client.seam.stats.requests <= 4  # the breaker opened; the rest was not asked
    reasons = {row[0] for row in ledger.conn.execute("SELECT status_reason FROM sources WHERE doi IS NOT NULL")}
    assert all("unreachable" in reason or "no answer" in reason or "connection" in reason for reason in reasons)


def test_the_run_deadline_stops_asking(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path)
    with dead_hosts.silent() as url:
        client = CrossrefClient(Settings(url, None, timeout=5.0, deadline=0.5))
        started = time.monotonic()
        summary = resolve.resolve(ledger, client)
    assert time.monotonic() - started < 7
    assert summary.could_not_check >= 8 and summary.not_found == 0


def test_the_summary_says_crossref_was_unreachable_and_what_to_do(tmp_path: Path) -> None:
    with dead_hosts.dropping() as url:
        result = CliRunner().invoke(cli, ["--library", str(tmp_path / "l.sqlite"), "build"], obj={},
                                    env={"REFS_CROSSREF_URL": url, "REFS_CROSSREF_TIMEOUT": "1"})
    assert result.exit_code == 0, result.output
    assert "Crossref could not be reached" in result.stdout and "--offline" in result.stdout


@pytest.mark.parametrize("url", ["notaurl", "ftp://example.org/api", "http://"])
def test_a_base_url_that_is_not_http_is_a_usage_error(tmp_path: Path, url: str) -> None:
    with pytest.raises(ConfigError):
        Settings(url, None)
    result = CliRunner().invoke(cli, ["--library", str(tmp_path / "l.sqlite"), "build"], obj={},
                                env={"REFS_CROSSREF_URL": url})
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "REFS_CROSSREF_URL" in result.stderr


def test_a_wrong_api_path_is_a_usage_error_not_an_internal_one(tmp_path: Path) -> None:
    with dead_hosts.not_found() as url:
        result = CliRunner().invoke(cli, ["--library", str(tmp_path / "l.sqlite"), "build"], obj={},
                                    env={"REFS_CROSSREF_URL": url + "/wrong"})
    assert result.exit_code == 2, result.output
    assert "answered 404" in result.stderr and "internal error" not in result.stderr


def test_bad_timeout_settings_are_usage_errors(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--library", str(tmp_path / "l.sqlite"), "build"], obj={},
                                env={"REFS_CROSSREF_TIMEOUT": "soon"})
    assert result.exit_code == 2 and "REFS_CROSSREF_TIMEOUT" in result.stderr


def test_ctrl_c_stops_within_a_second_with_130_and_the_ledger_intact(tmp_path: Path) -> None:
    library = tmp_path / "l.sqlite"
    with Ledger(library) as ledger:
        pipeline.ingest_file(ledger, SEED_001)
    with dead_hosts.silent() as url:
        env = {"PATH": os.environ["PATH"], "PYTHONPATH": str(ROOT), "REFS_CROSSREF_URL": url,
               "REFS_CROSSREF_TIMEOUT": "30"}
        process = subprocess.Popen(
            [sys.executable, "-c", "from cli.main import main; main()", "--library", str(library), "resolve"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(2.0)  # started, and waiting on an answer that never comes
        sent = time.monotonic()
        process.send_signal(signal.SIGINT)
        try:
            _, stderr = process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            pytest.fail("refs did not stop after Ctrl-C")
        stopped_after = time.monotonic() - sent
    assert process.returncode == 130, stderr
    assert stopped_after < 1.5, stopped_after
    assert "interrupted" in stderr and "Traceback" not in stderr
    conn = sqlite3.connect(library)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT COUNT(*) FROM sources").fetchone()[0] == 12
    conn.close()


def test_retries_and_waits_are_told_as_they_happen(tmp_path: Path) -> None:
    from tests.support.crossref_standin import StandIn, sample_records

    ledger = _ledger(tmp_path)
    server = StandIn(sample_records(), latency=0.0)
    server.script.append("503")
    told: list[str] = []
    with server.running():
        client = CrossrefClient(Settings(server.url, "tests@example.org"))
        client.seam.notify = told.append
        summary = resolve.resolve(ledger, client)
    assert summary.resolved == 3 and summary.could_not_check == 0 and len(told) == 1
    assert told[0].startswith("retrying in ") and "HTTP 503" in told[0]
