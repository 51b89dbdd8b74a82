"""refs check: every kind of problem found with its evidence, correct claims left alone, reports that hold up."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from refs import pipeline
from refs.check import check
from refs.check import report as check_report
from refs.crossref.client import CrossrefClient, Settings
from refs.store.ledger import Ledger
from tests.support.crossref_standin import StandIn, fixture_records, sample_records
from tests.support.paths import FIXTURES, ROOT
from tests.support.tools import need

DRAFTS = FIXTURES / "drafts"
ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled articles, built offline: the ledger drafts are checked against."""
    path = tmp_path_factory.mktemp("check") / "ledger.sqlite"
    result = CliRunner().invoke(cli, ["--library", str(path), "build", "--offline"], obj={})
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="module")
def standin() -> Iterator[StandIn]:
    server = StandIn({**sample_records(), **fixture_records()})
    with server.running():
        yield server


def _check(library: Path, standin: StandIn, draft: Path, *args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    result = CliRunner().invoke(
        cli, ["--library", str(library), "check", str(draft), "--format", "json", *args], obj={},
        env={"REFS_CROSSREF_URL": standin.url, "REFS_MAILTO": "tests@example.org"},
    )
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def _by_text(report: dict, fragment: str) -> dict:  # type: ignore[type-arg]
    return next(c for c in report["claims"] if fragment in c["text"])


def test_every_kind_of_problem_is_found(library: Path, standin: StandIn) -> None:
    code, report = _check(library, standin, DRAFTS / "problems.md")
    assert code == 1
    statuses = {c["text"][:40]: c["status"] for c in report["claims"]}
    assert _by_text(report, "In one survey of long-term users, 64.5%")["status"] == "supported"
    assert _by_text(report, "About 65%")["status"] == "rounded"
    mismatch = _by_text(report, "75% said antidepressants")
    assert mismatch["status"] == "figure_mismatch", statuses
    assert mismatch["evidence"][0]["checks"][0]["abstract_figure"] == "89.4%"
    assert "cartwright2016longterm" in mismatch["evidence"][0]["sources"]
    assert _by_text(report, "Nearly half of all adults")["status"] == "unsourced"
    for fragment, why in (("fixture participants", "retracted"), ("Methylphenidate", "corrected"),
                          ("weighed benefits", "metadata_mismatch"), ("fabricated trials", "not_found")):
        claim = _by_text(report, fragment)
        assert claim["status"] == "cites_problem_source", (fragment, claim)
        assert claim["evidence"][0]["status"] == why


def test_planted_errors_get_the_verdicts_a_fact_checker_would_give(library: Path, standin: StandIn) -> None:
    code, report = _check(library, standin, DRAFTS / "planted.md")
    assert code == 1
    # An uncited sentence right after a cited one inherits nothing: it is unsourced, not "cited".
    after = _by_text(report, "Nearly half of all adults")
    assert after["status"] == "unsourced" and after["sources"] == []
    # A figure about the whole population is not contradicted by a survey's figure on the same topic: it is
    # unsourced, and the related ledger claim is offered as a hint.
    population = _by_text(report, "About 10% of adults")
    assert population["status"] == "unsourced"
    assert [s["citation_key"] for s in population["suggestions"]] == ["cartwright2016longterm"]
    # The same survey, the same figure: supported; the survey's other figure misquoted: a mismatch.
    assert _by_text(report, "In one survey of long-term users, 64.5%")["status"] == "supported"
    misquoted = _by_text(report, "The same survey found that 75%")
    assert misquoted["status"] == "figure_mismatch"
    assert misquoted["evidence"][0]["checks"][0]["abstract_figure"] == "89.4%"
    # An invented figure cited to a real paper whose abstract does not state it is never "supported".
    beagles = _by_text(report, "40 beagles")
    assert beagles["status"] == "unverified"
    assert {c["outcome"] for c in beagles["sources"][0]["verification_detail"]} >= {"not_in_abstract"}


def test_every_kind_of_reference_problem_is_found(library: Path, standin: StandIn) -> None:
    _, report = _check(library, standin, DRAFTS / "problems.md")
    refs = {r["position"]: r for r in report["references"]}
    assert refs[1]["status"] == "retracted"
    assert refs[2]["status"] == "corrected"
    assert refs[3]["status"] == "metadata_mismatch"
    assert {d["field"] for d in refs[3]["details"]["disagreements"]} >= {"title", "first_author"}
    assert refs[4]["status"] == "not_found" and "404" in refs[4]["reason"]
    assert refs[5]["status"] == "unmatched"


def test_correct_claims_raise_no_alarm(library: Path, standin: StandIn) -> None:
    code, report = _check(library, standin, DRAFTS / "clean.md")
    assert [c["status"] for c in report["claims"]] == ["supported", "supported"]
    beagles = _by_text(report, "22 beagles")
    assert beagles["evidence"][0]["from"] == "abstract"
    assert {c["outcome"] for c in beagles["evidence"][0]["checks"]} == {"verified"}
    assert [r["status"] for r in report["references"]] == ["ok"]
    assert report["summary"]["problems"] == 0 and code == 0


def test_network_failure_is_could_not_check_never_not_found(library: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "ledger.sqlite"
    shutil.copy(library, fresh)
    with Ledger(fresh) as ledger, ledger.transaction():
        ledger.conn.execute("DELETE FROM crossref_cache")  # nothing cached: the network is the only way
    result = CliRunner().invoke(
        cli, ["--library", str(fresh), "check", str(DRAFTS / "clean.md"), "--format", "json"], obj={},
        env={"REFS_CROSSREF_URL": "http://127.0.0.1:9"},
    )
    report = json.loads(result.stdout)
    assert [r["status"] for r in report["references"]] == ["could_not_check"]
    assert _by_text(report, "22 beagles")["status"] == "unverified"
    # Nothing wrong was found, but not everything could be checked: exit 3, and the report says so first.
    assert result.exit_code == 3 and report["summary"]["exit_status"] == 3
    assert report["complete"] is False and "could not be checked" in report["incomplete"][0]
    text = CliRunner().invoke(cli, ["--library", str(fresh), "check", str(DRAFTS / "clean.md")], obj={},
                              env={"REFS_CROSSREF_URL": "http://127.0.0.1:9"}).stdout
    assert text.startswith("NOT COMPLETE: 1 of 1 references could not be checked")


def test_the_draft_is_not_added_unless_asked(tmp_path: Path, library: Path, standin: StandIn) -> None:
    copy = tmp_path / "ledger.sqlite"
    shutil.copy(library, copy)
    with Ledger(copy) as ledger:
        before = ledger.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    _check(copy, standin, DRAFTS / "clean.md")
    with Ledger(copy) as ledger:
        assert ledger.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == before
        # What was fetched for the draft is cached: a second check asks Crossref nothing.
        assert ledger.conn.execute("SELECT COUNT(*) FROM crossref_cache").fetchone()[0] >= 1
    asked = len(standin.log)
    _check(copy, standin, DRAFTS / "clean.md")
    assert len(standin.log) == asked
    with Ledger(copy) as ledger:
        others = ledger.conn.execute("SELECT id, status, checked_at FROM sources ORDER BY id").fetchall()
    _check(copy, standin, DRAFTS / "clean.md", "--add")
    with Ledger(copy) as ledger:
        assert ledger.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == before + 1
        status = ledger.conn.execute("SELECT status FROM sources WHERE article_id = 'clean'").fetchone()[0]
        assert status == "resolved"
        # Only the added article is resolved again; the rest of the library is left as it was.
        again = ledger.conn.execute("SELECT id, status, checked_at FROM sources WHERE article_id != 'clean'"
                                    " ORDER BY id").fetchall()
        assert [tuple(r) for r in again] == [tuple(r) for r in others]


def test_json_schema_is_stable(library: Path, standin: StandIn) -> None:
    _, report = _check(library, standin, DRAFTS / "problems.md")
    assert report["schema"] == "refs-check/1"
    assert set(report) == {"schema", "draft", "offline", "complete", "incomplete", "summary", "claims",
                           "references"}
    assert report["complete"] is True and report["incomplete"] == []
    assert set(report["summary"]) == {"claims", "claims_by_status", "references", "references_by_status",
                                      "problems", "exit_status"}
    assert set(report["claims"][0]) == {"position", "text", "start", "end", "file_start", "file_end", "kind",
                                        "person", "status", "reason", "figures", "sources", "evidence",
                                        "suggestions"}
    assert set(report["references"][0]) == {"position", "raw", "doi", "status", "reason", "details"}


def test_text_report_groups_by_status_without_colour_in_pipes(library: Path, standin: StandIn) -> None:
    result = CliRunner().invoke(cli, ["--library", str(library), "check", str(DRAFTS / "problems.md")], obj={},
                                env={"REFS_CROSSREF_URL": standin.url})
    assert result.exit_code == 1
    assert "\x1b[" not in result.stdout
    headings = [line for line in result.stdout.splitlines() if re.match(r"^[a-z_]+ \(\d+\)$", line)]
    assert headings[0].startswith("figure_mismatch") and "unsourced (1)" in headings


def test_usage_errors_exit_2(library: Path) -> None:
    result = CliRunner().invoke(cli, ["--library", str(library), "check", "/nonexistent/draft.md"], obj={})
    assert result.exit_code == 2 and "no such file" in result.stderr
    result = CliRunner().invoke(cli, ["--library", str(library), "check"], obj={})
    assert result.exit_code == 2


def test_html_escapes_everything_and_loads_nothing_external(library: Path, tmp_path: Path) -> None:
    with Ledger(library) as ledger:
        report = check.check(DRAFTS / "hostile.html", ledger, pipeline.Crossref(None, offline=True))
    page = check_report.to_html(report)
    assert "<script" not in page.lower() and "onerror=" not in page and "<img" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert not re.search(r"""(?:src|href)=["'](?!#)""", page)  # only in-page anchors


def test_html_report_in_chromium(library: Path, standin: StandIn, tmp_path: Path) -> None:
    chromium = need("chromium")
    from playwright.sync_api import sync_playwright

    with Ledger(library) as ledger:
        client = CrossrefClient(Settings(standin.url, "tests@example.org"))
        report = check.check(DRAFTS / "problems.md", ledger, pipeline.Crossref(client))
    page_file = tmp_path / "report.html"
    page_file.write_text(check_report.to_html(report), encoding="utf-8")
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        page = browser.new_page(viewport={"width": 1000, "height": 1400})
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(page_file.as_uri())
        spans = page.eval_on_selector_all(
            "a.claim", "els => els.map(e => [e.dataset.status, getComputedStyle(e).backgroundColor])")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "check-report.png"), full_page=True)
        page.click("a.claim[data-status='figure_mismatch']")
        mismatch = next(c.position for c in report.claims if c.status == "figure_mismatch")
        assert page.evaluate("location.hash") == f"#d{mismatch}"  # a click leads to the evidence
        browser.close()
    assert errors == []
    assert len(spans) == len(report.claims)
    for status, colour in spans:
        red, green, blue = (int(check_report.COLOURS[status][0][i:i + 2], 16) for i in (1, 3, 5))
        assert colour == f"rgb({red}, {green}, {blue})", status
    assert (ARTIFACTS / "check-report.png").stat().st_size > 10_000


def test_a_draft_is_never_compared_with_itself(library: Path, standin: StandIn, tmp_path: Path) -> None:
    own = tmp_path / "ledger.sqlite"
    shutil.copy(library, own)
    draft = tmp_path / "problems.md"
    shutil.copy(DRAFTS / "problems.md", draft)
    _, before = _check(own, standin, draft)
    code, added = _check(own, standin, draft, "--add")
    _, after = _check(own, standin, draft)
    verdicts = [[(c["text"], c["status"]) for c in report["claims"]] for report in (before, added, after)]
    assert verdicts[0] == verdicts[1] == verdicts[2]
    assert code == 1 and after["summary"]["exit_status"] == 1
