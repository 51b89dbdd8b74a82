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
    claims = [c for c in found if not c.candidate]
    assert [(c.kind, c.person) for c in claims] == [
        ("figure", None), ("finding", None), ("quote", "Dr. Jane Smith"),
    ]
    assert claims[0].reason == "states a figure: three to 15 years" and claims[2].reason == "quotes Dr. Jane Smith"
    # A plain statement is only a candidate: a claim if a source is linked to it.
    assert [c.text for c in found if c.candidate] == ["The sky is blue today for everyone."]


@pytest.mark.parametrize(("sentence", "kind"), [
    ("Some antidepressants can cause emotional blunting in long-term users.", "effect"),
    ("Emotional detachment may be a side effect of some medications.", "effect"),
    ("Childhood trauma is associated with emotional dysregulation in adults.", "association"),
    ("Emotional detachment can be a symptom of PTSD.", "association"),
    ("Post-traumatic stress disorder is a condition that can develop after a threatening event.", "definition"),
    ("Alexithymia means a person has difficulty naming their own feelings.", "definition"),
])
def test_statements_beyond_figures_are_claims_of_their_kind(sentence: str, kind: str) -> None:
    found = _extract(sentence + "\n")
    assert [(c.kind, c.candidate) for c in found] == [(kind, False)]
    assert found[0].reason.startswith(f"states a{'n' if kind[0] in 'ae' else ''} {kind}: ")


@pytest.mark.parametrize("sentence", [
    "Talk to your doctor if emotional numbness lasts for weeks.",  # instruction
    "If you feel numb, you can call a helpline at any hour.",  # words to the reader
    "Halfpoint Images / Getty Images",  # caption
    "Can antidepressants cause emotional numbness?",  # question
    "Read on to learn more about what emotional detachment looks like.",  # call to action
])
def test_instructions_questions_and_captions_are_not_claims(sentence: str) -> None:
    assert _extract(sentence + "\n") == []


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


def test_a_reference_printed_in_the_body_is_no_claim() -> None:
    # eLife's "Related research article" line (dev corpus, 22_elife-09853) and a "Read the study:" line name
    # a work and state nothing; a sentence that cites a DOI as its marker is still a claim.
    text = (
        "Related research article Kroschwald S, Maharana S, Alberti S. 2015. Promiscuous interactions and "
        "protein disaggregases determine the material state of stress-inducible RNP granules. eLife 4:e06807. "
        "doi: 10.7554/eLife.06807\n"
        "Read the study: Cartwright C, Gibson K, Read J. Long-term antidepressant use: patient perspectives "
        "of benefits and adverse effects. Patient Prefer Adherence. 2016;10:1401-1407. doi:10.2147/PPA.S110632\n"
        "Of long-term users, 64.5% reported feeling emotionally numb (https://doi.org/10.2147/PPA.S110632).\n"
    )
    assert [c.text for c in _extract(text)] == [
        "Of long-term users, 64.5% reported feeling emotionally numb (https://doi.org/10.2147/PPA.S110632)."]


def test_quotation_under_a_dash_line_is_one_attributed_claim() -> None:
    found = _extract("Numbness is a shield. It protects, until it does not.\n— Dr. Peter Levine\n- A bullet line\n")
    assert len(found) == 1
    assert found[0].kind == "quote" and found[0].person == "Dr. Peter Levine"
    assert found[0].text == "Numbness is a shield. It protects, until it does not."


def test_a_paragraph_printed_twice_gives_its_claims_once() -> None:
    para = "Research has shown that detaching from work during time off helps well-being."
    assert len(_extract(f"{para}\n{para}\n")) == 1


def test_markers_are_read() -> None:
    found = extract.markers("As shown [1], [3-5] and (2); numb.7 Cartwright et al. (2016) and Sonnentag and "
                           "colleagues (Cao and Zhang, 2004a), see https://doi.org/10.2147/PPA.S110632.")
    assert found.numbers == [1, 3, 4, 5, 2, 7]
    assert [(a.family, a.year, a.suffix, a.second, a.et_al) for a in found.author_years] == [
        ("Cartwright", 2016, "", None, True), ("Cao", 2004, "a", "Zhang", False), ("Sonnentag", None, "", None, True)]
    assert found.dois == ["10.2147/ppa.s110632"]
    # Author-year citations as Spanish, Portuguese, French and German pages write them.
    cited = extract.markers("Según Pérez y col. (2019) y Pérez y López (2018); Dupont et coll., 2017; "
                            "nach Müller u. a. (2015).").author_years
    assert [(a.family, a.year, a.second, a.et_al) for a in cited] == [
        ("Pérez", 2019, None, True), ("Pérez", 2018, "López", False), ("Dupont", 2017, None, True),
        ("Müller", 2015, None, True)]
    # A flattened superscript after a percentage's period; a decimal is none.
    assert extract.markers("overestimate benefits by 29%.2,3 ").numbers == [2, 3]
    assert extract.markers("a ratio of 1.5 in all.").numbers == []


@pytest.mark.parametrize("text", [
    "A significant relationship between MLT and SD (F[1,12] = 8.42, p = 0.0133).",  # degrees of freedom
    "Answers range from never (0), hardly ever (1), occasionally (2) to often (3).",  # points of a scale
    "There are two ways: (1) dosage selection and (2) neofunctionalization.",  # an enumeration
    "As equation (4) suggests, the equilibrium is independent of the mutation rate.",
    "Models were built by the Phyre2 server and the vector pDest14, except for Cut6.",  # names with digits
    "HPLC was run on a Luna 5 µm C8(2) 100 Å column.",  # a product name with its number in parentheses
])
def test_numbers_that_are_not_citation_markers(text: str) -> None:
    assert extract.markers(text).numbers == []


def test_seed_001_claims() -> None:
    found = _extract(SEED_001.read_text(encoding="utf-8"))
    texts = [c.text for c in found]
    assert any(t.startswith("A 2016 study analyzed survey data") for t in texts)
    numb = next(c for c in found if "64.5%" in c.text)
    assert [(f.kind, f.value) for f in numb.figures] == [("percentage", 89.4), ("percentage", 64.5)]
    assert numb.study_year == 2016 and numb.continues == "the majority (89.4%) reported"
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
    people = [c.person for c in _extract(seed_003.read_text(encoding="utf-8")) if c.kind == "quote"]
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


def test_a_described_study_is_no_one_elses_and_shares_more_than_a_word_in_passing() -> None:
    # The writers' own study ("we") is not a listed one, however well its year and words fit.
    own = _extract("During the 2011 experiment, we saw large differences in predation by Geocoris bugs.\n")
    assert link.link(own, _sources(("Predation by Geocoris bugs in the field", 2011, "A"))) == []
    # One common word in a long sentence is no shared topic.
    passing = _extract("A 2017 Human Rights Report by the U.S. Department of State noted that the government "
                       "generally respected the rights of individuals but voiced concerns about the population "
                       "in prisons and the treatment of detainees.\n")
    assert link.link(passing, _sources(("Population change: key trends", 2017, "Pool"))) == []


def test_order_alignment_and_continuation() -> None:
    found = _extract(
        "Studies suggest that childhood maltreatment and emotional dysregulation often travel together.\n"
        "Research has shown that psychological detachment from work during nonwork time protects well-being. "
        "The same study also found that employees slept better. "
        "Evening emails tend to spoil sleep and mood for many workers.\n"
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
    assert by_claim[(3, 3)].method == "continuation" and by_claim[(3, 3)].evidence["cue"] == "The same study"
    assert by_claim[(3, 3)].confidence < by_claim[(2, 3)].confidence
    # No source is placed where nothing supports it, and a sentence that does not say it carries on the
    # study before it inherits nothing.
    assert (1, 2) not in by_claim and (2, 2) not in by_claim
    assert not any(claim == 4 for claim, _ in by_claim)


def test_a_list_sorted_by_its_authors_places_nothing_by_order() -> None:
    # Written for the test: six sentences, each on the topic of one entry of the list below.
    topics = ["sleep deprivation memory", "caffeine alertness", "nap recovery", "shift work health",
              "insomnia therapy", "dream recall"]
    found = _extract("".join(f"Research has shown that {t} matters a great deal.\n" for t in topics))
    by_name = _sources(*[(f"A study of {t}", 2010, family) for t, family in zip(
        topics, ["Adams", "Baker", "Clark", "Davis", "Evans", "Foster"], strict=True)])
    assert link.sorted_by_author(by_name) and link.link(found, by_name) == []
    by_citation = _sources(*[(f"A study of {t}", 2010, family) for t, family in zip(
        topics, ["Foster", "Adams", "Evans", "Baker", "Davis", "Clark"], strict=True)])
    assert not link.sorted_by_author(by_citation)
    assert {(each.claim_position, each.source_id) for each in link.link(found, by_citation)} == {
        (n, n) for n in range(1, 7)}


def test_a_research_paper_places_nothing_by_order() -> None:
    found = _extract("Studies suggest that childhood maltreatment and emotional dysregulation often travel together.\n")
    sources = _sources(("Childhood maltreatment, emotional dysregulation, and psychiatric comorbidities", 2014, "Dvir"))
    assert [each.method for each in link.link(found, sources)] == ["order"]
    assert link.link(found, sources, research_paper=True) == []
    body = "Studies suggest that childhood maltreatment and emotional dysregulation often travel together.\n"
    paper = f"Title\nIntroduction\n{body}Methods\nWe counted.\nResults\nWe found.\nDiscussion\nIt helps.\n"
    assert [each.method for each in stage.analyse(body, None, sources)[1]] == ["order"]
    assert stage.analyse(paper, None, sources)[1] == []


def test_a_plain_sentence_is_a_claim_only_when_a_source_is_linked_to_it() -> None:
    text = ("The weather in the valley was mild throughout that long spring.\n"
            "Psychological detachment from work during nonwork time matters for employee well-being.\n")
    sources = _sources(("Psychological detachment from work during nonwork time and employee well-being", 2019,
                        "Sonnentag"))
    found, links = stage.analyse(text, None, sources)
    assert [(c.position, c.text[:24], c.reason) for c in found] == [
        (1, "Psychological detachment", "linked to a source: order")]
    assert [(each.claim_position, each.source_id) for each in links] == [(1, 1)]


def test_an_uncited_sentence_after_a_cited_one_stays_unsourced() -> None:
    found = _extract("A 2016 study of long-term antidepressant users found that 64.5% felt emotionally numb. "
                     "Nearly half of all adults reported feeling emotionally numb at some point.\n")
    links = link.link(found, _sources(("Long-term antidepressant use", 2016, "Cartwright")))
    assert [(each.claim_position, each.method) for each in links] == [(1, "described-study")]


def test_author_year_citations_that_could_name_two_entries_are_not_linked() -> None:
    found = _extract("GLVs are released upon damage (Allmann and Baldwin, 2010). Plants were silenced before "
                     "(Allmann et al., 2010). Earlier work agreed (Cao, 2004b). Both were seen (Yu et al., 2011).\n")
    sources = [
        SourceInfo(id=1, position=1, number=None, first_family="Allmann", year=2010, doi=None, title="Insects betray",
                   second_family="Baldwin", authors=2),
        SourceInfo(id=2, position=2, number=None, first_family="Allmann", year=2010, doi=None, title="Silencing",
                   second_family="Kaur", authors=4),
        SourceInfo(id=3, position=3, number=None, first_family="Cao", year=2004, doi=None, title="A", authors=1,
                   year_suffix="a"),
        SourceInfo(id=4, position=4, number=None, first_family="Cao", year=2004, doi=None, title="B", authors=1,
                   year_suffix="b"),
        SourceInfo(id=5, position=5, number=None, first_family="Yu", year=2011, doi=None, title="C", authors=3),
        SourceInfo(id=6, position=6, number=None, first_family="Yu", year=2011, doi=None, title="D", authors=5),
    ]
    links = {(each.claim_position, each.source_id) for each in link.link(found, sources)}
    assert links == {(1, 1), (2, 2), (3, 4)}  # the two "Yu et al., 2011" entries cannot be told apart


def test_several_works_of_the_same_authors_and_family_names_with_particles() -> None:
    found = _extract("Contaminants rose in humans (Law et al. 2003; Schecter et al. 2003, 2005). Plants emit "
                     "volatiles (Kamiyama et al., 1995a, b). Herbivores adapt (Loon et al., 2000).\n")
    sources = [
        SourceInfo(id=1, position=1, number=None, first_family="Schecter", year=2003, doi=None, title="A", authors=4),
        SourceInfo(id=2, position=2, number=None, first_family="Schecter", year=2005, doi=None, title="B", authors=5),
        SourceInfo(id=3, position=3, number=None, first_family="Kamiyama", year=1995, doi=None, title="C", authors=3,
                   year_suffix="a"),
        SourceInfo(id=4, position=4, number=None, first_family="Kamiyama", year=1995, doi=None, title="D", authors=3,
                   year_suffix="b"),
        SourceInfo(id=5, position=5, number=None, first_family="van Loon", year=2000, doi=None, title="E", authors=3),
    ]
    links = {(each.claim_position, each.source_id) for each in link.link(found, sources)}
    assert links == {(1, 1), (1, 2), (2, 3), (2, 4), (3, 5)}
    # A year followed by a comma and words is one work: "a" is an article, not a suffix.
    assert [c.label for c in extract.markers("As Smith 2004, a study of mice, showed.").author_years] == [
        "Smith 2004"]


def test_numbers_in_an_author_year_text_are_not_followed() -> None:
    found = _extract("Homology models were generated by the server (Kelley and Sternberg, 2009) in two steps: "
                     "(1) alignment and (2) refinement, shown in [2].\n")
    sources = _sources(("Protein structure prediction on the web", 2009, "Kelley"), ("Basic local alignment", 1990,
                                                                                      "Altschul"))
    assert [(each.source_id, each.method) for each in link.link(found, sources)] == [(1, "marker")]


def test_off_topic_claims_stay_unsourced() -> None:
    found = _extract("Research has shown that gardening lowers blood pressure in older adults.\n")
    assert link.link(found, _sources(("Psychological detachment from work", 2012, "Sonnentag"))) == []


def test_seed_001_links_against_its_labelled_truth(tmp_path: Path) -> None:
    truth = json.loads((FIXTURES / "truth" / "verywell-health-emotional-detachment.json").read_text(encoding="utf-8"))
    backs = {(item["position"], opening) for item in truth["sources"] for opening in item["sentences"]}
    with Ledger(tmp_path / "l.sqlite") as ledger:
        pipeline.ingest_file(ledger, SEED_001)
        stage.rebuild(ledger)
        rows = ledger.conn.execute(
            "SELECT c.text, cs.method, s.position, w.doi FROM claims c JOIN claim_sources cs ON cs.claim_id = c.id"
            " JOIN sources s ON s.id = cs.source_id JOIN works w ON w.id = s.work_id").fetchall()
    links = [(r["text"], r["method"], r["position"], r["doi"]) for r in rows]
    # Every link made is one the truth allows (precision on the seed is 1), ...
    wrong = [(text[:50], position) for text, _, position, _ in links
             if not any(p == position and text.startswith(opening) for p, opening in backs)]
    assert wrong == []
    # ... the worked example's links are there, with how they were made, ...
    numb = [(m, d) for t, m, _, d in links if "64.5%" in t]
    assert numb == [("described-study", "10.2147/ppa.s110632")]
    for must in truth["must_link"]:
        assert any(t.startswith(must["sentence"]) and p == must["position"] for t, _, p, _ in links), must["why"]
    # ... and more of the page's sources are placed than the worked example alone.
    assert len({position for _, _, position, _ in links}) >= 5


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
