"""Looking claims up by figure and by words; the seed article's worked example end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from refs import pipeline
from refs.claims import lookup, stage
from refs.store import claims as claims_store
from refs.store.ledger import Ledger
from tests.support.paths import FIXTURES, SEED_001

ARTICLES = FIXTURES / "articles"


@pytest.fixture
def built(library: Path) -> Path:
    result = CliRunner().invoke(cli, ["--library", str(library), "build", "--offline"], obj={})
    assert result.exit_code == 0, result.output
    return library


def _claims(library: Path, *args: str) -> list[dict]:  # type: ignore[type-arg]
    result = CliRunner().invoke(cli, ["--library", str(library), "claims", *args, "--format", "json"], obj={})
    assert result.exit_code == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["shown"] == len(answer["claims"]) <= answer["total"]
    return answer["claims"]  # type: ignore[no-any-return]


def test_64_5_percent_comes_from_cartwright_2016(built: Path) -> None:
    found = _claims(built, "64.5%")
    assert len(found) == 1
    claim = found[0]
    assert "64.5% reported feeling emotionally numb" in claim["text"]
    assert claim["article_id"] == "verywell-health-emotional-detachment" and claim["status"] == "sourced"
    source = claim["sources"][0]
    assert source["doi"] == "10.2147/ppa.s110632"
    assert source["method"] in ("described-study", "order")
    assert source["citation_key"] == "cartwright2016longterm"
    assert source["authors"][0] == "Cartwright" and source["year"] == 2016
    assert source["evidence"]["study_year"] == 2016
    assert source["verification"] == "no_abstract"  # offline: the abstract was never fetched
    assert _claims(built, "64.5") == found  # the bare number finds it too


def test_words_in_any_order_rank_the_numbness_sentence_first(built: Path) -> None:
    found = _claims(built, "antidepressants emotionally numb")
    assert found and "64.5%" in found[0]["text"]
    # "numb"/"numbness" are also words of another article's claim that antidepressants can cause numbness.
    for query in ("antidepressant numbness", "numb antidepressants"):
        found = _claims(built, query)
        assert any("64.5%" in claim["text"] for claim in found[:2]), query
        assert all("antidepressant" in claim["text"].lower() for claim in found[:2]), query


def test_the_89_4_percent_sentence_links_to_the_same_source(built: Path) -> None:
    found = _claims(built, "89.4%")
    assert [s["doi"] for s in found[0]["sources"]] == ["10.2147/ppa.s110632"]


def test_detachment_from_work_links_only_to_a_sonnentag_source(built: Path) -> None:
    found = [claim for claim in _claims(built, "detach work") if claim["sources"]]
    assert found
    for claim in found:
        assert {s["doi"] for s in claim["sources"]} <= {"10.1017/sjp.2019.2", "10.1177/0963721411434979"}
        assert all(s["method"] == "order" and s["evidence"]["shared_terms"] for s in claim["sources"])


def test_filters(built: Path) -> None:
    unsourced = _claims(built, "--unsourced", "--limit", "1000")
    assert unsourced and all(c["status"] == "unsourced" for c in unsourced)
    assert {c["article_id"] for c in unsourced} >= {"psychology10-science-of-feeling-numb"}
    people = [c["person"] for c in unsourced if c["kind"] == "quote"]
    assert "Dr. Peter Levine" in people
    by_source = _claims(built, "--source", "https://doi.org/10.2147/PPA.S110632")
    assert [c["text"][:28] for c in sorted(by_source, key=lambda c: c["position"])] == [
        "A 2016 study analyzed survey", "While the majority (89.4%) r"]
    one_article = _claims(built, "--article", "emotion-numbness-brain-chemistry", "--limit", "1000")
    assert {c["article_id"] for c in one_article} == {"emotion-numbness-brain-chemistry"}
    assert {c["kind"] for c in one_article} >= {"finding", "effect"}


def test_unknown_article_and_bad_doi_are_usage_errors(built: Path) -> None:
    result = CliRunner().invoke(cli, ["--library", str(built), "claims", "--article", "nope"], obj={})
    assert result.exit_code == 2 and "no article with id 'nope'" in result.stderr
    result = CliRunner().invoke(cli, ["--library", str(built), "claims", "--source", "banana"], obj={})
    assert result.exit_code == 2 and "is not a DOI" in result.stderr


def test_table_output_shows_how_refs_knows(built: Path) -> None:
    result = CliRunner().invoke(cli, ["--library", str(built), "claims", "64.5%"], obj={})
    assert "[cartwright2016longterm] Cartwright" in result.stdout
    assert "described-study, confidence" in result.stdout


def test_lookup_library_level(tmp_path: Path) -> None:
    with Ledger(tmp_path / "l.sqlite") as ledger:
        pipeline.ingest_file(ledger, SEED_001)
        pipeline.ingest_file(ledger, ARTICLES / "no_heading.txt")
        stage.rebuild(ledger)
        marked = lookup.search(ledger, "detach well-being", article="no-heading")
        assert marked and marked[0]["sources"][0]["method"] == "marker"
        assert {s["source_position"] for s in marked[0]["sources"]} == {1, 2}
        assert lookup.search(ledger, "zebra giraffe") == []
        assert lookup.parse_query("64.5% numb 12").numbers == [(64.5, True), (12.0, False)]


def test_reingesting_a_changed_article_replaces_its_claims(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("# A\n\nA 2019 survey found that 40% of users agreed.\n", encoding="utf-8")
    with Ledger(tmp_path / "l.sqlite") as ledger:
        pipeline.ingest_file(ledger, article)
        stage.rebuild(ledger)
        article.write_text("# A\n\nA 2019 survey found that 45% of users agreed.\n", encoding="utf-8")
        pipeline.ingest_file(ledger, article)
        stage.rebuild(ledger)
        assert lookup.search(ledger, "40%") == []
        assert len(lookup.search(ledger, "45%")) == 1
        assert lookup.search(ledger, "users agreed")[0]["text"].endswith("45% of users agreed.")


def test_resolve_brings_abstracts_and_rechecks_figures(library: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.support.crossref_standin import StandIn, fixture_records

    article = tmp_path / "fixture.md"
    article.write_text(
        "# Hand-written fixture article\n\n"
        "In a 2019 trial, 64.5% reported the fixture effect [1]. A later trial found 80% reported the fixture "
        "effect [1].\n\n## References\n\n"
        "1. Fixture A. A hand-written fixture article that was later retracted. J Test Fixtures. 2019;3:10-19. "
        "doi:10.5555/refs-fixture-retracted\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    assert runner.invoke(cli, ["--library", str(library), "ingest", str(article)], obj={}).exit_code == 0
    before = _claims(library, "64.5%")[0]["sources"][0]
    assert before["verification"] == "no_abstract" and before["method"] == "marker"
    server = StandIn(fixture_records())
    with server.running():
        monkeypatch.setenv("REFS_CROSSREF_URL", server.url)
        result = runner.invoke(cli, ["--library", str(library), "resolve"], obj={})
        assert result.exit_code == 0, result.stderr
    after = _claims(library, "64.5%")[0]["sources"][0]
    assert after["verification"] == "verified" and after["notice"] == "retracted"
    assert after["verification_detail"][0]["abstract_figure"] == "64.5%"
    assert _claims(library, "80%")[0]["sources"][0]["verification"] == "contradicted"


def test_lookup_by_person_cited_author_and_year(built: Path) -> None:
    quoted = _claims(built, "--person", "levine")
    assert quoted and all("Levine" in c["person"] for c in quoted)
    by_author = _claims(built, "--author", "Cartwright")
    assert by_author and all(any(s["citation_key"] == "cartwright2016longterm" for s in c["sources"])
                             for c in by_author)
    assert [c["claim_id"] for c in _claims(built, "--author", "cartwright2016longterm")] == [
        c["claim_id"] for c in by_author]
    assert [c["claim_id"] for c in _claims(built, "--author", "Cartwright", "--year", "2016")] == [
        c["claim_id"] for c in by_author]
    result = CliRunner().invoke(cli, ["--library", str(built), "claims", "--author", "Cartwright", "--year",
                                      "1999"], obj={})
    assert result.exit_code == 1


def test_no_silent_cap(built: Path) -> None:
    everything = _claims(built, "--limit", "1000")
    result = CliRunner().invoke(cli, ["--library", str(built), "claims", "--limit", "2", "--format", "json"],
                                obj={})
    answer = json.loads(result.stdout)
    assert len(answer["claims"]) == answer["shown"] == 2 and answer["total"] == len(everything)
    assert f"showing 2 of {len(everything)} claims" in result.stderr
    words = CliRunner().invoke(cli, ["--library", str(built), "claims", "emotional", "--limit", "1"], obj={})
    assert "showing 1 of " in words.stderr


def _survey_ledger(tmp_path: Path) -> Path:
    """A hand-written article of eight survey figures; the first is the shortest, so BM25 ranks it first."""
    fillers = ["", " in the spring", " in two cities", " among night-shift workers", " in a rural county",
               " in three large hospitals", " among retired teachers and nurses", " in a national sample of adults"]
    sentences = [f"A 2019 survey{filler} found that {40 + n}% of users agreed." for n, filler in enumerate(fillers)]
    article = tmp_path / "surveys.md"
    article.write_text("# Surveys\n\n" + " ".join(sentences) + "\n", encoding="utf-8")
    library = tmp_path / "l.sqlite"
    with Ledger(library) as ledger:
        pipeline.ingest_file(ledger, article)
        stage.rebuild(ledger)
    return library


def _fts_order(library: Path, floor: int = 0) -> list[str]:
    """FTS5's own BM25 order (its rank column) of the claims holding 'survey', above claim id ``floor``."""
    with Ledger(library) as ledger:
        return [row[0] for row in ledger.conn.execute(
            "SELECT c.text FROM claims_fts JOIN claims c ON c.id = claims_fts.rowid WHERE claims_fts MATCH"
            " 'survey' AND claims_fts.rowid > ? ORDER BY rank", (floor,))]


def test_lookup_ranks_every_match_in_bm25_order_when_few_match(tmp_path: Path) -> None:
    library = _survey_ledger(tmp_path)
    with Ledger(library) as ledger:
        page = lookup.find(ledger, "survey", limit=20)
    assert page.total == page.ranked == len(page.claims) == 8
    assert [c["text"] for c in page.claims] == _fts_order(library)
    assert page.claims[0]["text"] == "A 2019 survey found that 40% of users agreed."


def test_lookup_ranks_only_the_newest_matches_when_many_match_and_says_so(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    library = _survey_ledger(tmp_path)
    monkeypatch.setattr(claims_store, "RANKED_AT_MOST", 3)
    with Ledger(library) as ledger:
        ids = [row[0] for row in ledger.conn.execute("SELECT id FROM claims ORDER BY id")]
        page = lookup.find(ledger, "survey", limit=2)
    assert (page.total, page.ranked, len(page.claims)) == (8, 3, 2)
    # The best two of the newest three claims, in FTS5's order; the shortest (oldest) claim is not among them.
    assert [c["text"] for c in page.claims] == _fts_order(library, floor=ids[-4])[:2]
    assert all(c["claim_id"] in ids[-3:] for c in page.claims)
    result = CliRunner().invoke(cli, ["--library", str(library), "claims", "survey", "--limit", "2",
                                      "--format", "json"], obj={})
    assert result.exit_code == 0
    assert "showing 2 of 8 claims, the best of the newest 3 (add words to narrow the search)" in result.stderr
    answer = json.loads(result.stdout)
    assert (answer["total"], answer["shown"], answer["ranked"]) == (8, 2, 3)
    # Words that only a few claims hold are ranked among all of them again.
    with Ledger(library) as ledger:
        page = lookup.find(ledger, "survey spring", limit=2)
    assert (page.total, page.ranked) == (1, 1)


def test_words_with_filters_find_exactly_the_matching_claims_that_pass_them(built: Path) -> None:
    every = _claims(built, "numb", "--limit", "1000")
    assert len({c["article_id"] for c in every}) >= 2 and {c["status"] for c in every} == {"sourced", "unsourced"}
    article = "verywell-health-emotional-detachment"
    assert _claims(built, "numb", "--article", article, "--limit", "1000") == [
        c for c in every if c["article_id"] == article]
    assert _claims(built, "numb", "--unsourced", "--limit", "1000") == [c for c in every if c["status"] == "unsourced"]
    by_author = _claims(built, "numb", "--author", "Cartwright", "--limit", "1000")
    assert by_author and by_author == [c for c in every if any(s["authors"][:1] == ["Cartwright"]
                                                                for s in c["sources"])]
    assert _claims(built, "numb", "--year", "2016", "--limit", "1000") == by_author
    with_figure = _claims(built, "64.5% numb")
    assert len(with_figure) == 1 and with_figure[0] in every and "64.5%" in with_figure[0]["text"]
    result = CliRunner().invoke(cli, ["--library", str(built), "claims", "numb", "--author", "Nobody"], obj={})
    assert result.exit_code == 1 and result.stdout.strip() == "(no claims found)"


def test_claims_sharing_words_leave_out_excluded_articles_and_unsourced_claims(built: Path) -> None:
    words = ["numb", "antidepressants", "emotionally"]
    seed = "verywell-health-emotional-detachment"
    with Ledger(built) as ledger:
        every = lookup.search_sharing(ledger, words, limit=100)
        others = lookup.search_sharing(ledger, words, limit=100, exclude=[seed])
        sourced = lookup.search_sharing(ledger, words, limit=100, sourced_only=True)
    assert {c["status"] for c in every} == {"sourced", "unsourced"}
    assert others and others == [c for c in every if c["article_id"] != seed]
    assert sourced and sourced == [c for c in every if c["status"] == "sourced"]
