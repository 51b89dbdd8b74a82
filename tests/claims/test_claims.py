"""Claim extraction, linking by each method, and verification outcomes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from refs import pipeline
from refs.claims import extract, figures, link, stage, verify
from refs.model import Claim, SourceInfo
from refs.store.ledger import Ledger
from tests.support.crossref_standin import SAMPLES
from tests.support.paths import FIXTURES, OTHER_SEEDS, SEED_001

ARTICLES = FIXTURES / "articles"


def _extract(text: str) -> list[Claim]:
    return extract.extract(text)


# -- extraction ---------------------------------------------------------------------------------


def test_claim_kinds() -> None:
    found = _extract(
        "Intro\n"
        "A 2016 study analyzed survey data of people who had used antidepressants for three to 15 years. "
        "Research has shown that detaching from work helps. The sky is blue today for everyone. "
        "Numbers matter, said Dr. Jane Smith of the clinic.\n"
        "What is numbness, really?\n"
    )
    assert [(c.kind, c.person) for c in found] == [
        ("figure", None), ("finding", None), ("attribution", "Dr. Jane Smith"),
    ]


def test_reference_lists_headings_tocs_and_furniture_are_never_claims() -> None:
    text = (
        "Table of Contents\n1. Understanding Emotional Numbness\n2. Causes of Emotional Numbness\n"
        "Was this page helpful?\n"
        "A 2019 survey found that 40% of users agreed.\n"
        "References\n"
        "1. Sonnentag S. Psychological detachment from work. Curr Dir Psychol Sci. 2012;21(2):114-118. "
        "doi:10.1177/0963721411434979\n"
        "2. Sonnentag S, Schiffner C. Detachment and well-being. Span J Psychol. 2019;22:E3.\n"
    )
    assert [c.text for c in _extract(text)] == ["A 2019 survey found that 40% of users agreed."]


def test_quotation_under_a_dash_line_is_one_attributed_claim() -> None:
    found = _extract("Numbness is a shield. It protects, until it does not.\n— Dr. Peter Levine\n- A bullet line\n")
    assert len(found) == 1
    assert found[0].kind == "attribution" and found[0].person == "Dr. Peter Levine"
    assert found[0].text == "Numbness is a shield. It protects, until it does not."


def test_a_paragraph_printed_twice_gives_its_claims_once() -> None:
    para = "Research has shown that detaching from work during time off helps well-being."
    assert len(_extract(f"{para}\n{para}\n")) == 1


def test_markers_are_read() -> None:
    found = extract.markers("As shown [1], [3-5] and (2); numb.7 Cartwright et al. (2016) and Sonnentag and "
                           "colleagues, see https://doi.org/10.2147/PPA.S110632.")
    assert found.numbers == [1, 3, 4, 5, 2, 7]
    assert ("Cartwright", 2016) in found.author_years and ("Sonnentag", None) in found.author_years
    assert found.dois == ["10.2147/ppa.s110632"]


def test_seed_001_claims() -> None:
    found = _extract(SEED_001.read_text(encoding="utf-8"))
    texts = [c.text for c in found]
    assert any(t.startswith("A 2016 study analyzed survey data") for t in texts)
    numb = next(c for c in found if "64.5%" in c.text)
    assert [(f.kind, f.value) for f in numb.figures] == [("percentage", 89.4), ("percentage", 64.5)]
    assert numb.study_year == 2016 and numb.continues
    study = next(c for c in found if c.text.startswith("A 2016 study"))
    assert ("duration", 3.0, 15.0) in [(f.kind, f.value, f.value_high) for f in study.figures]
    assert not any("1-800" in t or "Sources" in t or "helpful" in t for t in texts)


@pytest.mark.parametrize("path", OTHER_SEEDS, ids=lambda p: p.name)
def test_other_seeds_claims_are_all_unsourced(tmp_path: Path, path: Path) -> None:
    with Ledger(tmp_path / "l.sqlite") as ledger:
        pipeline.ingest_file(ledger, path)
        summary = stage.rebuild(ledger)
        assert summary.sourced == 0 and summary.unsourced == summary.claims


def test_seed_003_quotes_are_attributed_to_named_doctors() -> None:
    seed_003 = next(p for p in OTHER_SEEDS if p.name.startswith("psychology10"))
    people = [c.person for c in _extract(seed_003.read_text(encoding="utf-8")) if c.kind == "attribution"]
    assert people == ["Dr. Bessel van der Kolk", "Dr. Andrew Solomon", "Dr. Peter Levine"]


# -- linking ------------------------------------------------------------------------------------


def _sources(*titles: tuple[str, int | None, str | None]) -> list[SourceInfo]:
    return [SourceInfo(id=n, position=n, number=None, first_family=family, year=year, doi=None, title=title)
            for n, (title, year, family) in enumerate(titles, start=1)]


def test_numbered_marker_links() -> None:
    found = _extract("Detaching from work during time off helps recovery [2].\n")
    links = link.link(found, _sources(("Sleep and mood", 2010, "Ann"), ("Unrelated title", 2011, "Bo")))
    assert [(link.source_id, link.method) for link in links] == [(2, "marker")]


def test_author_year_and_colleagues_markers() -> None:
    found = _extract("Long-term users often felt numb (Cartwright et al., 2016).\n"
                     "Sonnentag and colleagues showed that detachment helps recovery.\n")
    sources = _sources(("Long-term antidepressant use", 2016, "Cartwright"), ("Detachment", 2012, "Sonnentag"))
    links = link.link(found, sources)
    found_links = [(link.claim_position, link.source_id, link.method) for link in links]
    assert found_links == [(1, 1, "marker"), (2, 2, "marker")]


def test_described_study_needs_the_year_and_the_topic() -> None:
    found = _extract("A 2016 study analyzed survey data of people using antidepressants for years.\n")
    on_topic = _sources(("Sleep in teenagers", 2016, "A"), ("Long-term antidepressant use", 2016, "B"))
    links = link.link(found, on_topic)
    assert [(link.source_id, link.method) for link in links] == [(2, "described-study")]
    assert links[0].evidence["shared_terms"] == ["antidepressant"]
    wrong_year = _sources(("Long-term antidepressant use", 2015, "B"))
    assert link.link(found, wrong_year) == []  # never forced


def test_order_alignment_and_continuation() -> None:
    found = _extract(
        "Studies suggest that childhood maltreatment and emotional dysregulation often travel together.\n"
        "Research has shown that psychological detachment from work during nonwork time protects well-being. "
        "This detachment from evening emails tends to protect sleep and improves mood.\n"
    )
    sources = _sources(
        ("Childhood maltreatment, emotional dysregulation, and psychiatric comorbidities", 2014, "Dvir"),
        ("Post-traumatic stress disorder", 2015, "Bisson"),
        ("Psychological detachment from work during nonwork time and employee well-being", 2019, "Sonnentag"),
    )
    links = link.link(found, sources)
    by_claim = {(link.claim_position, link.source_id): link for link in links}
    assert by_claim[(1, 1)].method == "order"
    assert by_claim[(2, 3)].method == "order" and by_claim[(2, 3)].evidence["list_position"] == 3
    assert by_claim[(3, 3)].method == "continuation"
    assert by_claim[(3, 3)].confidence < by_claim[(2, 3)].confidence
    assert (1, 2) not in by_claim and (2, 2) not in by_claim


def test_off_topic_claims_stay_unsourced() -> None:
    found = _extract("Research has shown that gardening lowers blood pressure in older adults.\n")
    assert link.link(found, _sources(("Psychological detachment from work", 2012, "Sonnentag"))) == []


def test_seed_001_links(tmp_path: Path) -> None:
    with Ledger(tmp_path / "l.sqlite") as ledger:
        pipeline.ingest_file(ledger, SEED_001)
        stage.rebuild(ledger)
        rows = ledger.conn.execute(
            "SELECT c.text, cs.method, w.doi FROM claims c JOIN claim_sources cs ON cs.claim_id = c.id"
            " JOIN sources s ON s.id = cs.source_id JOIN works w ON w.id = s.work_id").fetchall()
    links = [(r["text"], r["method"], r["doi"]) for r in rows]
    numb = [(m, d) for t, m, d in links if "64.5%" in t]
    assert numb == [("described-study", "10.2147/ppa.s110632")]
    detach = {d for t, _, d in links if "detach" in t.lower()}
    assert detach == {"10.1017/sjp.2019.2", "10.1177/0963721411434979"}


# -- verification -------------------------------------------------------------------------------


WILEY_ABSTRACT = json.loads(
    (SAMPLES / "work_journal-article_wiley_jats-abstract.json").read_text(encoding="utf-8"))["message"]["abstract"]


def _verify(claim: str, abstract: str | None) -> str | None:
    from refs.crossref.records import clean_markup

    return verify.verify(claim, figures.find(claim), clean_markup(abstract))[0]


def test_verified_against_a_real_abstract() -> None:
    claim = "In the study, 22 beagles had a hindlimb immobilized for 10 weeks."
    assert _verify(claim, WILEY_ABSTRACT) == "verified"


def test_contradicted_not_in_abstract_approximate_and_no_abstract() -> None:
    abstract = ("<jats:p>Of 200 participants, 64.5% reported feeling emotionally numb, and 12% reported no change."
                "</jats:p>")
    assert _verify("64.5% reported feeling emotionally numb.", abstract) == "verified"
    assert _verify("64.5 per cent reported feeling emotionally numb.", abstract) == "verified"
    assert _verify("75% reported feeling emotionally numb.", abstract) == "contradicted"
    assert _verify("Nearly two-thirds reported feeling emotionally numb.", abstract) == "approximate"
    assert _verify("About 65% reported feeling emotionally numb.", abstract) == "approximate"
    assert _verify("40% of patients stopped treatment early.", abstract) == "not_in_abstract"
    assert _verify("64.5% reported feeling emotionally numb.", None) == "no_abstract"
    assert _verify("Research has shown that numbness is common.", abstract) is None


def test_two_thirds_is_never_verified() -> None:
    abstract = "Overall, 66.7% of respondents reported emotional blunting."
    assert _verify("Two-thirds of respondents reported emotional blunting.", abstract) == "approximate"
