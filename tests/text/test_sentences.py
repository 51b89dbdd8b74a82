"""Sentences, and which texts are research papers by the headings of their sections (texts written for these
tests)."""

from __future__ import annotations

import pytest

from refs.text import sentences


@pytest.mark.parametrize(("text", "paper"), [
    ("Title\nIntroduction\nProse.\nMaterials and Methods\nProse.\nResults\nProse.\nDiscussion\nProse.\n", True),
    ("Title\n1. Background\nProse.\n2. Methods\nProse.\n3. Results and Discussion\nProse.\n", True),
    ("Emotional detachment\nWhat is it?\nProse.\nCauses\nProse.\nTreatment\nProse.\nSummary\nProse.\n", False),
    ("Title\nIntroduction\nProse.\nConclusion\nProse.\n", False),  # two sections are not a paper's four
    ("Title\nThe results of the introduction were discussed.\nMethods were many.\n", False),  # prose, not headings
])
def test_a_research_paper_names_three_of_its_four_sections(text: str, paper: bool) -> None:
    assert sentences.research_paper(sentences.paragraphs(text)) is paper


@pytest.mark.parametrize(("paragraph", "expected"), [
    # A superscript citation flattened after a word's or a percentage's period ends its sentence.
    ("Most guideline groups now use it.1 Trials stopped early overestimate benefits by 29%.2,3 Few say so.",
     ["Most guideline groups now use it.1", "Trials stopped early overestimate benefits by 29%.2,3",
      "Few say so."]),
    # After a number's period the digits are a decimal, and after an abbreviation no end.
    ("Sales rose to 2.5 Million units in the year.", ["Sales rose to 2.5 Million units in the year."]),
    ("Doses were approx.5 Milligrams a day.", ["Doses were approx.5 Milligrams a day."]),
])
def test_sentences_end_after_flattened_superscripts(paragraph: str, expected: list[str]) -> None:
    assert [s.text for s in sentences.split(paragraph)] == expected
