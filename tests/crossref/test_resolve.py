"""Resolution against the Crossref stand-in on 127.0.0.1, with habanero making the requests for real."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from refs import export, pipeline
from refs.crossref import resolve
from refs.crossref.client import POLITE_POOL, CrossrefClient, Settings
from refs.crossref.transport import HttpSeam
from refs.store.ledger import Ledger
from tests.support import synthetic
from tests.support.crossref_standin import StandIn, fixture_records, sample_records
from tests.support.paths import FIXTURES, SEED_001

ARTICLES = FIXTURES / "articles"


@pytest.fixture
def standin() -> Iterator[StandIn]:
    server = StandIn({**sample_records(), **fixture_records()}, latency=0.0)
    with server.running():
        yield server


def client_for(server: StandIn, *, attempts: int = 4, timeout: float = 5.0, mailto: str = "tests@example.org"
               ) -> CrossrefClient:
    seam = HttpSeam(POLITE_POOL, timeout=timeout, max_attempts=attempts, backoff_base=0.01, backoff_cap=0.05)
    return CrossrefClient(Settings(base_url=server.url, mailto=mailto, timeout=timeout), seam=seam)


def _ledger_with(tmp_path: Path, *files: Path) -> Ledger:
    ledger = Ledger(tmp_path / "ledger.sqlite")
    for path in files:
        pipeline.ingest_file(ledger, path)
    return ledger


def _resolved_list(
    tmp_path: Path, server: StandIn, *entries: str
) -> tuple[resolve.ResolveSummary, dict[int, Any], Ledger]:
    """Ingest a hand-written article whose reference list is ``entries``, resolve it, return its sources."""
    article = tmp_path / "fixture.txt"
    numbered = "".join(f"{n}. {entry}\n" for n, entry in enumerate(entries, start=1))
    article.write_text("Fixture article (hand-written)\nReferences\n" + numbered, encoding="utf-8")
    ledger = _ledger_with(tmp_path, article)
    summary = resolve.resolve(ledger, client_for(server))
    rows = {r["position"]: r for r in ledger.conn.execute("SELECT * FROM sources")}
    return summary, rows, ledger


def _statuses(ledger: Ledger) -> dict[tuple[str, int], tuple[str, str | None]]:
    return {(r["article_id"], r["position"]): (r["status"], r["status_reason"])
            for r in ledger.conn.execute("SELECT * FROM sources")}


def test_dois_resolve_in_one_batch_and_fill_works(tmp_path: Path, standin: StandIn) -> None:
    ledger = _ledger_with(tmp_path, ARTICLES / "apa_references.txt", ARTICLES / "harvard_glued.txt")
    summary = resolve.resolve(ledger, client_for(standin))
    assert (summary.resolved, summary.not_applicable, summary.requests) == (6, 1, 1)
    batch = standin.requests()[0]
    assert batch.path == "/works" and batch.params["filter"][0].count("doi:") == 5
    work = ledger.conn.execute("SELECT * FROM works WHERE doi = '10.1038/nnano.2014.279'").fetchone()
    assert (work["metadata_source"], work["year"], work["print_year"], work["type"]) == (
        "crossref", 2014, 2015, "journal-article")
    authors = ledger.conn.execute("SELECT family, source FROM authors WHERE work_id = ?", (work["id"],)).fetchall()
    assert [tuple(a) for a in authors] == [("Kuschel", "crossref"), ("Reiss", "crossref")]


def test_cached_work_is_never_requested_again(tmp_path: Path, standin: StandIn) -> None:
    ledger = _ledger_with(tmp_path, ARTICLES / "apa_references.txt")
    resolve.resolve(ledger, client_for(standin))
    before = len(standin.log)
    pipeline.ingest_file(ledger, ARTICLES / "vancouver_numbered.md")  # shares two DOIs with the first article
    second = resolve.resolve(ledger, client_for(standin))
    asked = [entry.params.get("filter", [""])[0] + entry.path for entry in standin.log[before:]]
    assert second.requests == 1 and len(asked) == 1
    assert "journal.pone.0033693" not in asked[0] and "nnano" not in asked[0]
    assert "esmoopen-2020-000776" in asked[0]
    third = resolve.resolve(ledger, client_for(standin))
    assert third.requests == 0 and third.resolved == 6


def test_404_is_not_found_and_confirmed_one_by_one(tmp_path: Path, standin: StandIn) -> None:
    ledger = _ledger_with(tmp_path, SEED_001)
    summary = resolve.resolve(ledger, client_for(standin))
    assert (summary.not_found, summary.not_applicable, summary.could_not_check) == (8, 4, 0)
    singles = [e for e in standin.log if e.path.startswith("/works/")]
    assert len(singles) == 8 and all(e.status == 404 for e in singles)
    status, reason = _statuses(ledger)[("verywell-health-emotional-detachment", 9)]
    assert status == "not_found" and reason is not None and "404" in reason


def test_exhausted_retries_are_could_not_check_never_not_found(tmp_path: Path, standin: StandIn) -> None:
    ledger = _ledger_with(tmp_path, ARTICLES / "apa_references.txt")
    standin.fault_rate, standin.fault_kinds = 1.0, ("503",)
    summary = resolve.resolve(ledger, client_for(standin, attempts=3))
    assert summary.could_not_check == 3 and summary.not_found == 0 and summary.resolved == 0
    reasons = {reason for status, reason in _statuses(ledger).values() if status == "could_not_check"}
    assert reasons == {"server error (HTTP 503) (gave up after 3 attempts)"}
    assert len(standin.log) == 3  # one batch, three attempts


@pytest.mark.parametrize("fault", ["429", "429-retry-after", "503", "html-504", "truncated", "garbage", "400"])
def test_each_fault_is_retried_or_reported(tmp_path: Path, standin: StandIn, fault: str) -> None:
    ledger = _ledger_with(tmp_path, ARTICLES / "harvard_glued.txt")
    standin.script.append(fault)
    summary = resolve.resolve(ledger, client_for(standin))
    if fault == "400":
        # A refused request is not retried; the DOIs are reported as unchecked, with the reason.
        assert summary.could_not_check == 3 and summary.not_found == 0
        reason = next(iter(_statuses(ledger).values()))[1]
        assert reason is not None and "refused" in reason
    else:
        assert summary.resolved == 3 and summary.retries == 1 and summary.not_found == 0


def test_retry_after_is_honoured(tmp_path: Path, standin: StandIn) -> None:
    ledger = _ledger_with(tmp_path, ARTICLES / "harvard_glued.txt")
    standin.script.append("429-retry-after")
    client = client_for(standin)
    resolve.resolve(ledger, client)
    assert client.seam.stats.waits and client.seam.stats.waits[0] >= 1.0
    first, second = standin.log[0], standin.log[1]
    assert second.at - first.at >= 0.95


def test_slow_answers_time_out_and_are_retried(tmp_path: Path, standin: StandIn) -> None:
    ledger = _ledger_with(tmp_path, ARTICLES / "harvard_glued.txt")
    standin.slow_seconds = 1.5
    standin.script.append("slow")
    client = client_for(standin, timeout=0.5)
    summary = resolve.resolve(ledger, client)
    assert summary.resolved == 3 and client.seam.stats.timeouts == 1


def test_offline_makes_zero_requests(tmp_path: Path, standin: StandIn) -> None:
    ledger = _ledger_with(tmp_path, ARTICLES / "apa_references.txt", ARTICLES / "vancouver_numbered.md")
    resolve.resolve(ledger, client_for(standin))
    pipeline.ingest_file(ledger, ARTICLES / "harvard_glued.txt")
    before = len(standin.log)
    summary = resolve.resolve(ledger, None, offline=True)
    assert len(standin.log) == before
    assert summary.offline and summary.requests == 0
    # What the cache has resolves; the rest says why it is unresolved.
    statuses = _statuses(ledger)
    assert statuses[("harvard-glued", 1)] == ("could_not_check", "offline: no cached Crossref answer")
    assert statuses[("harvard-glued", 3)][0] == "resolved"  # nnano was cached by the first run


def test_unreachable_network_degrades_honestly(tmp_path: Path) -> None:
    ledger = _ledger_with(tmp_path, ARTICLES / "apa_references.txt", ARTICLES / "works_cited.html")
    seam = HttpSeam(POLITE_POOL, timeout=1.0, max_attempts=3, backoff_base=0.01)
    client = CrossrefClient(Settings(base_url="http://127.0.0.1:9", mailto=None), seam=seam)
    summary = resolve.resolve(ledger, client)
    assert summary.could_not_check == 5 and summary.not_found == 0
    assert summary.network_problem is not None and "unreachable" in summary.network_problem
    assert seam.stats.requests <= 2  # gives up on the host instead of retrying every DOI
    row = ledger.conn.execute("SELECT * FROM sources WHERE doi = '10.2147/ppa.s110632'").fetchone()
    assert row["title"].startswith("Long-term antidepressant use") and "unreachable" in row["status_reason"]


def test_interrupted_run_resumes_without_refetching(tmp_path: Path) -> None:
    server = StandIn(synthetic.records(300), latency=0.0)
    ledger = _ledger_with(tmp_path, synthetic.article(tmp_path / "a.txt", range(300)))
    with server.running():
        calls = {"n": 0}

        def interrupt(_: int) -> None:
            calls["n"] += 1
            if calls["n"] == 2:  # after the first batch was stored
                raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt):
            resolve.resolve(ledger, client_for(server), progress=interrupt)
        stored = ledger.conn.execute("SELECT COUNT(*) FROM crossref_cache").fetchone()[0]
        assert 0 < stored < 300
        first_run = list(server.log)
        summary = resolve.resolve(ledger, client_for(server))
        assert summary.resolved == 300
        asked_again = [d for e in server.log[len(first_run):] for d in e.params.get("filter", [""])[0].split(",")]
        cached = {row[0][4:] for row in ledger.conn.execute("SELECT key FROM crossref_cache")}
        assert len(asked_again) == 300 - stored and not (set(d[4:] for d in asked_again) - cached) - set()


def test_thirty_percent_faults_lose_nothing(tmp_path: Path) -> None:
    server = StandIn(synthetic.records(400), fault_rate=0.3, fault_kinds=("429", "429-retry-after", "503"), seed=3)
    ledger = _ledger_with(tmp_path, synthetic.article(tmp_path / "a.txt", range(400)))
    with server.running():
        seam = HttpSeam(POLITE_POOL, timeout=5.0, max_attempts=5, backoff_base=0.01, backoff_cap=0.05)
        summary = resolve.resolve(ledger, CrossrefClient(Settings(server.url, "t@example.org"), seam=seam))
    assert summary.not_found == 0
    assert summary.resolved + summary.could_not_check == 400
    assert summary.retries > 0


def test_polite_pool_limits_are_kept(tmp_path: Path) -> None:
    server = StandIn(synthetic.records(1000), limit=10, interval=1.0, concurrency=3, latency=0.05)
    ledger = _ledger_with(tmp_path, synthetic.article(tmp_path / "a.txt", range(1000)))
    with server.running():
        client = CrossrefClient(Settings(server.url, "t@example.org"))
        summary = resolve.resolve(ledger, client)
        assert summary.resolved == 1000 and summary.requests <= 30
        assert server.throttled() == 0 and summary.throttled == 0
        again = resolve.resolve(ledger, CrossrefClient(Settings(server.url, "t@example.org")))
    assert again.requests == 0


def test_old_header_spelling_sets_the_pace(tmp_path: Path, standin: StandIn) -> None:
    standin.header_style, standin.limit = "old", 7
    client = client_for(standin)
    client.works_by_doi(["10.1038/nnano.2014.279"])
    assert client.seam.limits.requests == 7 and client.seam.limits.interval == 1.0


def test_search_matches_only_with_title_author_and_year(tmp_path: Path, standin: StandIn) -> None:
    summary, rows, ledger = _resolved_list(
        tmp_path, standin,
        "Kuschel T, Reiss G. Charges ride the spin wave. Nat Nanotechnol. 2015;10(1):22-24.",
        "Smith J, Jones K. Charges ride the spin wave. Nat Nanotechnol. 2015;10(1):22-24.",
        "Kuschel T, Reiss G. Charges ride the spin wave. Nat Nanotechnol. 1990;10(1):22-24.",
        "National Alliance on Mental Illness. Dissociative disorders.",
    )
    assert (summary.matched, summary.unmatched, summary.not_applicable) == (1, 2, 1)
    assert rows[1]["status"] == "matched" and rows[1]["match_score"] >= 90
    evidence = json.loads(rows[1]["evidence"])
    assert evidence["doi"] == "10.1038/nnano.2014.279" and evidence["first_author"]["agrees"] is True
    matched_work = ledger.conn.execute("SELECT doi FROM works WHERE id = ?", (rows[1]["work_id"],)).fetchone()
    assert matched_work["doi"] == "10.1038/nnano.2014.279"
    assert rows[1]["doi"] is None  # the reference printed no DOI; the work carries it, with its evidence
    rejected = json.loads(rows[2]["evidence"])["rejected"]
    assert rejected[0]["first_author"]["agrees"] is False
    assert json.loads(rows[3]["evidence"])["rejected"][0]["year"]["agrees"] is False
    searches = [e for e in standin.log if "query.bibliographic" in e.params]
    assert len(searches) == 3  # the web source is never searched


def test_doi_pointing_at_another_paper_disagrees(tmp_path: Path, standin: StandIn) -> None:
    summary, rows, _ = _resolved_list(
        tmp_path, standin,
        "Cartwright C, Gibson K, Read J, Cowan O, Dehar T. Long-term antidepressant use: patient perspectives "
        "of benefits and adverse effects. Patient Prefer Adherence. 2016;10:1401-1407. doi:10.1038/nnano.2014.279",
        "Lieber RL, Jacks TM, Mohler RL, et al. Growth hormone secretagogue increases muscle strength during "
        "remobilization after canine hindlimb immobilization. J Orthop Res. 1997;15(4):519-527. "
        "doi:10.1002/jor.1100150407",
    )
    assert summary.resolved == 1 and summary.doi_mismatch == 1
    assert rows[1]["status"] == "doi_mismatch" and rows[1]["agreement"] == "disagrees"
    assert rows[1]["status_reason"].startswith("the DOI's record is another work (")
    fields = {d["field"] for d in json.loads(rows[1]["disagreements"])}
    # The year is within one of the print year (2015), so only three fields disagree.
    assert fields == {"title", "first_author", "container"}
    assert rows[2]["agreement"] == "agrees"  # 'J Orthop Res' abbreviates the journal's name


def test_a_doi_of_another_paper_is_exported_as_the_reference_printed_it(tmp_path: Path, standin: StandIn) -> None:
    _, _, ledger = _resolved_list(
        tmp_path, standin,
        "Cartwright C, Gibson K, Read J, Cowan O, Dehar T. Long-term antidepressant use: patient perspectives "
        "of benefits and adverse effects. Patient Prefer Adherence. 2016;10:1401-1407. doi:10.1038/nnano.2014.279",
    )
    with ledger:
        items = json.loads(export.export(ledger, "csl-json"))
    assert len(items) == 1
    item = items[0]
    assert item["title"].startswith("Long-term antidepressant use")  # not the nanotechnology paper's title
    assert [a["family"] for a in item["author"]][:2] == ["Cartwright", "Gibson"]
    assert item["container-title"] == "Patient Prefer Adherence" and item["page"] == "1401-1407"
    assert "DOI" not in item and "10.1038/nnano.2014.279" in item["note"]
    assert "registers to another work" in item["note"]


def test_retractions_are_stored_per_work(tmp_path: Path, standin: StandIn) -> None:
    _, _, ledger = _resolved_list(
        tmp_path, standin,
        "Fixture A. A hand-written fixture article that was later retracted. J Test Fixtures. 2019;3:10-19. "
        "doi:10.5555/refs-fixture-retracted",
    )
    work = ledger.conn.execute("SELECT * FROM works WHERE doi = '10.5555/refs-fixture-retracted'").fetchone()
    assert work["update_status"] == "retracted"
    notices = ledger.conn.execute("SELECT update_type, source FROM work_updates WHERE work_id = ? ORDER BY date",
                                  (work["id"],)).fetchall()
    assert [tuple(n) for n in notices] == [("correction", "publisher"), ("retraction", "retraction-watch")]
