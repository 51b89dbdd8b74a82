"""The habanero adapter: every request goes through refs' HTTP seam, or refs refuses to run."""

from __future__ import annotations

import subprocess
import sys
import types
from collections.abc import Iterator

import habanero
import habanero.request
import habanero.request_class
import httpx2
import pytest
from click.testing import CliRunner

from cli.main import cli
from refs.crossref.client import CrossrefClient, SeamUnavailable, Settings
from tests.support.crossref_standin import StandIn, sample_records

DOI = "10.1371/journal.pone.0033693"


@pytest.fixture
def standin() -> Iterator[StandIn]:
    server = StandIn(sample_records(), latency=0.0)
    with server.running():
        yield server


def test_importing_refs_leaves_habanero_alone() -> None:
    code = ("import habanero.request, habanero.request_class, refs.crossref.client, refs.pipeline, cli.main;"
            "import types; assert type(habanero.request.httpx2) is types.ModuleType;"
            "assert type(habanero.request_class.httpx2) is types.ModuleType")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_requests_go_through_the_seam(standin: StandIn) -> None:
    client = CrossrefClient(Settings(standin.url, "tests@example.org"))
    try:
        assert DOI in client.works_by_doi([DOI])
        assert client.work(DOI)["DOI"].lower() == DOI
        assert client.seam.stats.requests == 2
    finally:
        client.close()


def test_other_habanero_users_are_untouched(standin: StandIn) -> None:
    client = CrossrefClient(Settings(standin.url, "tests@example.org"))
    try:
        plain = habanero.Crossref(base_url=standin.url)
        assert plain.works(ids=DOI)["message"]["DOI"].lower() == DOI
        assert client.seam.stats.requests == 0  # the plain call did not use refs' seam
    finally:
        client.close()


def test_a_habanero_without_its_http_calls_stops_refs_at_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(habanero.request, "httpx2")
    with pytest.raises(SeamUnavailable, match="unpaced"):
        CrossrefClient(Settings("http://127.0.0.1:9", None))


def test_the_cli_says_so_in_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    monkeypatch.setattr(habanero.request, "httpx2", object())
    result = CliRunner().invoke(cli, ["--library", f"{tmp_path}/l.sqlite", "build"], obj={})
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "unpaced" in result.stderr and "Traceback" not in result.stderr


def test_an_answer_that_bypassed_the_seam_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    client = CrossrefClient(Settings("http://127.0.0.1:9", None))
    bypass = types.ModuleType("httpx2")

    def get(url: str, **kwargs: object) -> httpx2.Response:
        empty = {"status": "ok", "message": {"items": [], "total-results": 0, "items-per-page": 1}}
        return httpx2.Response(200, json=empty, request=httpx2.Request("GET", url))

    bypass.get = get  # type: ignore[attr-defined]
    for name in ("HTTPStatusError", "HTTPError", "ConnectTimeout"):
        setattr(bypass, name, getattr(httpx2, name))
    monkeypatch.setattr(habanero.request, "httpx2", bypass)
    monkeypatch.setattr(habanero.request_class, "httpx2", bypass)
    try:
        with pytest.raises(SeamUnavailable, match="without sending its request through"):
            client.works_by_doi([DOI])
    finally:
        client.close()
