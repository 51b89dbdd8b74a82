"""Figure forms found in sentences, each with its normalised value."""

from __future__ import annotations

import pytest

from refs.claims import figures
from refs.text import sentences


def _one(text: str) -> figures.Figure:
    found = [f for f in figures.find(text) if f.kind != "study_year"]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    "text, kind, value, high, unit",
    [
        ("64.5% reported feeling numb", "percentage", 64.5, None, "percent"),
        ("64.5 percent reported feeling numb", "percentage", 64.5, None, "percent"),
        ("64.5 per cent reported feeling numb", "percentage", 64.5, None, "percent"),
        ("between 10% and 20% of users", "percentage", 10.0, 20.0, "percent"),
        ("1 in 5 adults has it", "proportion", 20.0, None, "percent"),
        ("one in four people", "proportion", 25.0, None, "percent"),
        ("1,200 participants took part", "count", 1200.0, None, "participants"),
        ("Twenty‐two beagles were divided", "count", 22.0, None, "beagles"),
        ("using antidepressants for three to 15 years", "duration", 3.0, 15.0, "year"),
        ("after 10 weeks of fixation", "duration", 10.0, None, "week"),
        ("adults aged 18 to 65 took part", "age", 18.0, 65.0, "years"),
        ("a 65-year-old man", "age", 65.0, None, "years"),
        ("an odds ratio of 1.8", "odds_ratio", 1.8, None, "ratio"),
        ("HR 0.72 for death", "hazard_ratio", 0.72, None, "ratio"),
        ("a relative risk of 2.1", "relative_risk", 2.1, None, "ratio"),
        ("(95% CI 1.2-1.9)", "ci", 1.2, 1.9, None),
        ("significant (p < 0.05)", "p_value", 0.05, None, None),
        ("they were twice as likely to", "multiplier", 2.0, None, "times"),
        ("three times more likely", "multiplier", 3.0, None, "times"),
        ("a 2.5-fold rise", "multiplier", 2.5, None, "times"),
        # A decimal comma (one or two digits after it; three make a thousands separator).
        ("el 64,5 % de los pacientes", "percentage", 64.5, None, "percent"),
        ("washed with 0,1% Tween-20", "percentage", 0.1, None, "percent"),
        ("1,234 patients were seen", "count", 1234.0, None, "patients"),
    ],
)
def test_figure_forms(text: str, kind: str, value: float, high: float | None, unit: str | None) -> None:
    figure = _one(text)
    assert (figure.kind, figure.value, figure.value_high, figure.unit) == (kind, value, high, unit)


def test_words_are_approximate() -> None:
    two_thirds = _one("nearly two-thirds of respondents agreed")
    assert two_thirds.kind == "fraction" and round(two_thirds.value, 1) == 66.7 and two_thirds.approximate
    about = _one("about 65% said so")
    assert about.value == 65.0 and about.approximate
    assert not _one("65% said so").approximate


def test_study_year_is_a_figure() -> None:
    found = figures.find("A 2016 study analyzed survey data.")
    assert [(f.kind, f.value) for f in found] == [("study_year", 2016.0)]


@pytest.mark.parametrize("text", [
    "call the helpline at1-800-662-4357for information",
    "There are 12 steps in the programme.",
    "one of the most common causes",
    "In the year 2016 nothing happened.",
])
def test_things_that_are_not_figures(text: str) -> None:
    assert figures.find(text) == []


def test_number_words() -> None:
    assert figures.number("twenty-two") == 22.0
    assert figures.number("Twenty‐two") == 22.0  # Unicode hyphen, as in Wiley's abstract
    assert figures.number("1,200") == 1200.0
    assert figures.number("three") == 3.0
    assert figures.number("banana") is None


def test_sentences_cope_with_abbreviations_decimals_and_gluing() -> None:
    text = ("Cartwright et al. found that 64.5% were numb. Dr. Smith agreed, e.g. Sertraline users. "
            "The U.S. Army said so.Research has shown that detaching helps.See psychology10.click for more.")
    assert [s.text for s in sentences.split(text)] == [
        "Cartwright et al. found that 64.5% were numb.",
        "Dr. Smith agreed, e.g. Sertraline users.",
        "The U.S. Army said so.",
        "Research has shown that detaching helps.",
        "See psychology10.click for more.",
    ]


def test_a_taxonomic_abbreviation_does_not_end_the_sentence_its_citation_follows() -> None:
    text = "Predators such as Geocoris spp. (Eubanks and Denno, 1999) eat eggs. They hunt by day."
    assert [s.text for s in sentences.split(text)] == [
        "Predators such as Geocoris spp. (Eubanks and Denno, 1999) eat eggs.", "They hunt by day."]


def test_sentence_offsets_point_into_the_text() -> None:
    text = "First one here. Second one there!"
    for sentence in sentences.split(text, offset=100):
        assert text[sentence.start - 100:sentence.end - 100] == sentence.text


def test_markers_after_the_period_end_the_sentence_they_follow() -> None:
    text = "He named it in 1642.[12][13] Tasman then sailed north.[14] Later maps kept the name."
    assert [s.text for s in sentences.split(text)] == [
        "He named it in 1642.[12][13]", "Tasman then sailed north.[14]", "Later maps kept the name."]
