"""Everyday use: global options anywhere, settings file, colour, quiet, add/remove, completion, stdin,
untruncated pipes, duplicates, control characters, deep HTML, damaged ledgers."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli, main
from refs import pipeline
from refs.store.ledger import Ledger
from tests.support.crossref_standin import StandIn, sample_records
from tests.support.paths import FIXTURES, SEED_001

DRAFTS = FIXTURES / "drafts"


def run(*args: str, env: dict[str, str] | None = None, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), obj={}, env=env, input=stdin)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def standin() -> Iterator[StandIn]:
    server = StandIn(sample_records(), latency=0.0)
    with server.running():
        yield server


def test_global_options_may_follow_the_command(library: Path) -> None:
    code, out, _ = run("build", "--offline", "--library", str(library))
    assert code == 0 and str(library) in out and library.exists()
    code, out, _ = run("articles", f"--library={library}", "--format", "csv")
    assert code == 0 and "verywell-health-emotional-detachment" in out


def test_a_piped_table_is_never_cut(library: Path) -> None:
    run("--library", str(library), "ingest", str(SEED_001))
    code, out, _ = run("--library", str(library), "sources")
    assert code == 0 and "…" not in out and "10.1097/hrp.0000000000000014" in out


def test_the_build_summary_says_what_no_sources_means(library: Path) -> None:
    code, out, _ = run("--library", str(library), "build", "--offline")
    assert code == 0 and out.count("no reference list found (its claims are unsourced)") == 4


def test_settings_file_gives_defaults_below_the_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    library = tmp_path / "from-settings.sqlite"
    settings = tmp_path / "refs.toml"
    settings.write_text(f'library = "{library}"\nformat = "json"\n', encoding="utf-8")
    monkeypatch.setenv("REFS_CONFIG", str(settings))
    monkeypatch.delenv("REFS_LIBRARY", raising=False)
    for argv in (["refs", "ingest", str(SEED_001)], ["refs", "articles"], ["refs", "articles", "--format", "csv"]):
        monkeypatch.setattr("sys.argv", argv)
        with pytest.raises(SystemExit) as done:
            main()
        assert done.value.code in (0, None)
    out = capsys.readouterr().out
    assert library.exists() and '"id": "verywell-health-emotional-detachment"' in out  # json by default
    assert "id,path,title" in out  # the command line wins


def test_a_broken_settings_file_is_one_line_and_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    settings = tmp_path / "refs.toml"
    settings.write_text("library = \n", encoding="utf-8")
    monkeypatch.setenv("REFS_CONFIG", str(settings))
    monkeypatch.setattr("sys.argv", ["refs", "articles"])
    with pytest.raises(SystemExit) as done:
        main()
    err = capsys.readouterr().err
    assert done.value.code == 2 and err.count("\n") == 1 and "not valid TOML" in err
    settings.write_text('colour = "yes"\n', encoding="utf-8")
    with pytest.raises(SystemExit) as done:
        main()
    assert done.value.code == 2 and "unknown setting 'colour'" in capsys.readouterr().err


def test_colour_follows_color_and_no_color(library: Path) -> None:
    args = ("--library", str(library), "check", str(DRAFTS / "problems.md"), "--offline")
    _, always, _ = run("--color", "always", *args)
    _, never, _ = run("--color", "never", *args)
    _, auto, _ = run(*args, env={"NO_COLOR": "1"})
    assert "\x1b[" in always and "\x1b[" not in never and "\x1b[" not in auto


def test_quiet_keeps_stderr_for_errors_only(library: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    code, _, err = run("--quiet", "--library", str(library), "ingest", str(empty))
    assert code == 0 and err == ""
    code, _, err = run("-q", "--library", str(library), "ingest", str(tmp_path / "missing.txt"))
    assert code == 2 and "no such file" in err


def test_check_reads_the_draft_from_stdin(library: Path) -> None:
    text = (DRAFTS / "problems.md").read_text(encoding="utf-8")
    code, out, _ = run("--library", str(library), "check", "-", "--offline", "--format", "json", stdin=text)
    report = json.loads(out)
    assert code in (1, 3) and report["draft"]["path"] == "-" and report["summary"]["claims"] > 0
    code, _, err = run("--library", str(library), "check", "-", "--add", stdin=text)
    assert code == 2 and "--add needs a draft file" in err


def test_a_lookup_with_no_results_exits_1(library: Path) -> None:
    run("--library", str(library), "ingest", str(SEED_001))
    assert run("--library", str(library), "claims", "64.5%")[0] == 0
    code, out, _ = run("--library", str(library), "claims", "zebrafish telomeres")
    assert code == 1 and "no claims found" in out


def test_add_and_remove(library: Path, standin: StandIn) -> None:
    env = {"REFS_CROSSREF_URL": standin.url}
    code, out, _ = run("--library", str(library), "add", "10.1371/JOURNAL.PONE.0033693", "doi:10.5555/none",
                       env=env)
    assert code == 0, out
    assert "resolved" in out and "10.1371/journal.pone.0033693" in out
    assert "not_found" in out and "10.5555/none" in out
    code, out, _ = run("--library", str(library), "add", "10.1136/bmj.h6161", env=env)
    assert code == 0
    with Ledger(library) as ledger:
        dois = {row[0] for row in ledger.conn.execute("SELECT doi FROM sources WHERE article_id = 'added-works'")}
    assert dois == {"10.1371/journal.pone.0033693", "10.5555/none", "10.1136/bmj.h6161"}
    _, bib, _ = run("--library", str(library), "export", "--format", "bibtex")
    assert "10.1371/journal.pone.0033693" in bib
    assert run("--library", str(library), "add", "not-a-doi", env=env)[0] == 2
    code, out, _ = run("--library", str(library), "remove", "added-works")
    assert code == 0 and "3 sources" in out
    with Ledger(library) as ledger:
        assert ledger.conn.execute("SELECT COUNT(*) FROM works").fetchone()[0] == 0
    assert run("--library", str(library), "remove", "nothing-here")[0] == 2


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts(shell: str) -> None:
    code, out, _ = run("completion", shell)
    assert code == 0 and "_REFS_COMPLETE" in out


def test_the_same_content_from_two_paths_is_one_article(library: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "page.txt", tmp_path / "b" / "copy.txt"
    for path in (first, second):
        path.parent.mkdir()
        shutil.copy(SEED_001, path)
    run("--library", str(library), "ingest", str(first))
    code, out, err = run("--library", str(library), "ingest", str(second))
    assert code == 0 and out.startswith("duplicate") and "same content as article" in err
    with Ledger(library) as ledger:
        assert ledger.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1
    # A moved file is the same article at its new place.
    second.unlink()
    moved = tmp_path / "moved.txt"
    first.rename(moved)
    code, out, _ = run("--library", str(library), "ingest", str(moved))
    assert code == 0 and out.startswith("unchanged")
    with Ledger(library) as ledger:
        assert ledger.conn.execute("SELECT path FROM articles").fetchone()[0] == str(moved.resolve())


def test_terminal_control_sequences_never_leave_the_article(library: Path, tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    text = SEED_001.read_text(encoding="utf-8").replace(
        "Emotional Detachment", "Emotional \x1b]0;owned\x07Detachment\x1b]8;;http://evil\x1b\\", 1)
    page.write_text(text.replace("Harvard Review", "Harvard \x1b[31mReview\x1b[0m\x07"), encoding="utf-8")
    run("--library", str(library), "ingest", str(page))
    with Ledger(library) as ledger:
        bodies = "".join(row[0] for row in ledger.conn.execute("SELECT body || title FROM articles"))
        raws = "".join(row[0] for row in ledger.conn.execute("SELECT raw FROM sources"))
    assert "\x1b" not in bodies + raws and "\x07" not in bodies + raws and "Harvard Review" in raws
    for fmt in ("bibtex", "ris", "csl-json"):
        assert "\x1b" not in run("--library", str(library), "export", "--format", fmt)[1]
    _, report, _ = run("--library", str(library), "check", str(page), "--offline", "--format", "html")
    assert "\x1b" not in report


def test_deep_html_and_unclosed_list_items(library: Path, tmp_path: Path) -> None:
    deep = tmp_path / "deep.html"
    deep.write_text("<html><body>" + "<div>" * 3000 + "<p>Deep text.</p>" + "</div>" * 3000 + "</body></html>",
                    encoding="utf-8")
    code, out, err = run("--library", str(library), "ingest", str(deep))
    assert code == 0, err
    unclosed = tmp_path / "unclosed.html"
    unclosed.write_text(
        "<html><body><p>A page.</p><h2>References</h2><ol>"
        "<li>Dvir Y, Ford JD, Hill M, Frazier JA. Childhood maltreatment, emotional dysregulation, and psychiatric "
        "comorbidities. Harv Rev Psychiatry. 2014;22(3):149-161."
        "<li>Grossman FK, Spinazzola J, Zucker M, Hopper E. Treating adult survivors of childhood emotional abuse "
        "and neglect: a new framework. Am J Orthopsychiatry. 2017;87(1):86-93."
        "<li>Sonnentag S, Fritz C. Recovery from job stress. J Organ Behav. 2015;36(S1):S72-S103."
        "</ol></body></html>", encoding="utf-8")
    code, out, _ = run("--library", str(library), "ingest", str(unclosed))
    assert code == 0 and "3 sources" in out


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = 4096
    for start in range(page * 2, len(data), page):
        data[start:start + 64] = b"\xff" * 64  # scribble over the header of every page after the second
    path.write_bytes(bytes(data))


def test_a_damaged_ledger_is_named_and_doctor_says_how_to_recover(library: Path) -> None:
    with Ledger(library) as ledger:
        pipeline.ingest_file(ledger, SEED_001)
        ledger.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    code, out, _ = run("--library", str(library), "doctor")
    assert code == 0 and "integrity: ok" in out and "claim index rebuilt" in out
    _damage(library)
    code, _, err = run("--library", str(library), "claims", "numb")
    assert code in (1, 2) and "Traceback" not in err and "internal error" not in err
    assert "damaged" in err or "not a refs ledger" in err
    code, out, err = run("--library", str(library), "doctor")
    assert code == 1 and "internal error" not in err
    assert "damaged" in out + err and ".recover" in out + err
