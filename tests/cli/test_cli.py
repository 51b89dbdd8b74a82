"""The command line: output formats, exit codes, one-line errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cli.main import cli
from tests.support.paths import FIXTURES, SEED_001

SEED_ID = "verywell-health-emotional-detachment"


def run(library: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--library", str(library), *args], obj={})
    return result.exit_code, result.stdout, result.stderr


def test_build_ingests_bundled_articles_and_summarises(library: Path) -> None:
    code, out, err = run(library, "build")
    assert code == 0, err
    assert "5 articles (5 added, 0 replaced, 0 unchanged), 12 sources, 8 DOIs" in out
    code, out, _ = run(library, "build")
    assert "(0 added, 0 replaced, 5 unchanged)" in out


def test_build_with_workers_says_what_build_without_them_says(library: Path, tmp_path: Path) -> None:
    code, alone, err = run(library, "build", "--offline", "--jobs", "1")
    assert code == 0, err
    code, ahead, err = run(tmp_path / "other.sqlite", "build", "--offline", "--jobs", "2")
    assert code == 0, err
    assert ahead.replace(str(tmp_path / "other.sqlite"), str(library)) == alone
    code, _, err = run(library, "ingest", "--jobs", "0", str(SEED_001))
    assert code == 2 and "--jobs" in err and "Traceback" not in err


def test_ingest_shows_how_far_it_is_on_a_terminal(library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from contextlib import contextmanager

    from cli import render

    shown: list[tuple[str, int]] = []
    steps: list[int] = []

    @contextmanager
    def recorded(total: int, label: str = "Resolving") -> Any:
        shown.append((label, total))
        yield steps.append

    monkeypatch.setattr(render, "progress", recorded)
    seeds = sorted(SEED_001.parent.iterdir())
    code, _, err = run(library, "ingest", *map(str, seeds))
    assert code == 0, err
    assert shown == [("Ingesting", len(seeds))] and steps == [1] * len(seeds)
    shown.clear()
    code, _, _ = run(library, "--quiet", "ingest", *map(str, seeds))
    assert code == 0 and shown == []  # --quiet: no bar


def test_sources_json_is_one_array_and_nothing_else(library: Path) -> None:
    run(library, "ingest", str(SEED_001))
    code, out, err = run(library, "sources", "--article", SEED_ID, "--format", "json")
    assert code == 0 and err == ""
    rows = json.loads(out)
    assert isinstance(rows, list) and len(rows) == 12
    cartwright = rows[8]
    assert cartwright["doi"] == "10.2147/ppa.s110632"
    assert cartwright["year"] == 2016 and rows[0]["year"] is None
    assert cartwright["field_methods"]["title"] == "reference-text"


def test_sources_csv_reads_back(library: Path) -> None:
    run(library, "ingest", str(SEED_001))
    code, out, _ = run(library, "sources", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 12 and rows[8]["pages"] == "1401-1407"


def test_table_output_for_people(library: Path) -> None:
    run(library, "ingest", str(SEED_001), str(FIXTURES / "articles" / "works_cited.html"))
    code, out, _ = run(library, "articles")
    assert code == 0
    assert out.splitlines()[0].split() == ["id", "n_sources", "format", "title"]
    assert SEED_ID in out and "works_cited" in out.replace("-", "_")


def test_articles_json(library: Path) -> None:
    run(library, "build")
    code, out, _ = run(library, "articles", "--format", "json")
    articles = json.loads(out)
    assert code == 0 and len(articles) == 5
    assert {a["id"]: a["n_sources"] for a in articles}[SEED_ID] == 12
    assert "body" not in articles[0]


def test_empty_file_is_ingested_with_a_warning(library: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    code, out, err = run(library, "ingest", str(empty))
    assert code == 0
    assert "no reference list found" in out and "warning" in err and "empty" in err


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "is a directory"),
        (lambda d: _write(d / "bin.dat", bytes(range(256))), "binary file"),
        (lambda d: _write(d / "latin.txt", "café".encode("latin-1")), "not valid UTF-8"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(library: Path, tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(library, "ingest", str(make(tmp_path)))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("refs: error:") and message in err
    assert "Traceback" not in err


def test_nothing_is_written_when_one_of_several_files_is_bad(library: Path, tmp_path: Path) -> None:
    code, _, _ = run(library, "ingest", str(SEED_001), str(tmp_path / "missing.txt"))
    assert code == 2
    code, out, _ = run(library, "articles", "--format", "json")
    assert json.loads(out) == []


def test_unknown_article_and_missing_ledger(library: Path) -> None:
    code, _, err = run(library, "sources")
    assert code == 2 and "no ledger here yet" in err
    run(library, "ingest", str(SEED_001))
    code, _, err = run(library, "sources", "--article", "nope")
    assert code == 2 and "no article with id 'nope'" in err


def test_bad_format_is_a_usage_error(library: Path) -> None:
    code, _, err = run(library, "articles", "--format", "xml")
    assert code == 2 and "xml" in err


def test_library_from_environment(tmp_path: Path) -> None:
    target = tmp_path / "env.sqlite"
    result = CliRunner().invoke(cli, ["ingest", str(SEED_001)], obj={}, env={"REFS_LIBRARY": str(target)})
    assert result.exit_code == 0 and target.exists()


def test_help_has_examples() -> None:
    for command in ([], ["ingest"], ["sources"], ["build"], ["articles"]):
        result = CliRunner().invoke(cli, [*command, "--help"], obj={})
        assert result.exit_code == 0 and "Examples:" in result.output


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_resolve_and_show_against_the_standin(library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.support.crossref_standin import StandIn, sample_records

    run(library, "ingest", str(FIXTURES / "articles" / "apa_references.txt"))
    server = StandIn(sample_records())
    with server.running():
        monkeypatch.setenv("REFS_CROSSREF_URL", server.url)
        code, out, err = run(library, "resolve", "--mailto", "tests@example.org", "--format", "json")
        assert code == 0, err
        summary = json.loads(out)
        assert (summary["resolved"], summary["not_applicable"], summary["requests"]) == (3, 1, 1)
        assert err == ""  # no progress bar when stderr is not a terminal
        assert "(mailto:tests@example.org)" in server.log[0].agent  # the polite pool
        code, out, _ = run(library, "resolve", "--offline")
        assert code == 0 and "resolved 3" in out and "offline" in out and len(server.log) == 1
    code, out, _ = run(library, "sources", "--format", "json")
    notices = {row["position"]: row["notice"] for row in json.loads(out)}
    assert notices == {1: "corrected", 2: None, 3: None, 4: None}  # the notice shows with the source
    code, out, _ = run(library, "show", "https://doi.org/10.1371/JOURNAL.PONE.0033693")
    assert code == 0
    assert "NOTICE: this work is corrected" in out and "Shankar Sadasivan" in out
    assert "apa-references #1  resolved" in out
    code, out, _ = run(library, "show", "10.1371/journal.pone.0033693", "--format", "json")
    view = json.loads(out)
    assert view["update_status"] == "corrected" and view["cited_by"][0]["agreement"] == "agrees"
    assert view["updates"][0]["update_type"] == "correction"


def test_show_rejects_bad_and_unknown_dois(library: Path) -> None:
    run(library, "ingest", str(SEED_001))
    code, _, err = run(library, "show", "not-a-doi")
    assert code == 2 and "is not a DOI" in err
    code, _, err = run(library, "show", "10.9999/unknown")
    assert code == 2 and "no work with DOI 10.9999/unknown" in err


def test_build_without_network_keeps_reference_metadata(library: Path) -> None:
    code, out, err = run(library, "build")
    assert code == 0, err
    assert "could_not_check 8" in out and "not_applicable 4" in out and "not_found 0" in out
    assert "Crossref could not be reached" in out
    code, out, _ = run(library, "sources", "--format", "json")
    cartwright = json.loads(out)[8]
    assert cartwright["status"] == "could_not_check" and "unreachable" in cartwright["status_reason"]
    assert cartwright["title"].startswith("Long-term antidepressant use")


def test_build_offline_makes_no_request(library: Path) -> None:
    code, out, _ = run(library, "build", "--offline")
    assert code == 0 and "Crossref requests 0" in out and "offline" in out
