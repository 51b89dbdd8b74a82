"""Which texts are research papers, by the headings of their sections (texts written for these tests)."""

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
