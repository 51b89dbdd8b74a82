"""The reference tagger: its tokens, its labels on references in several styles (hand-written here), the
shipped model's record of what it was trained on, and training that gives the same model twice."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from refs.ingest import tagger
from tests.support.paths import ROOT

MODELS = ROOT / "refs" / "ingest" / "models"
TRAINING = ROOT / "data" / "training" / "anystyle-core.xml"


def _parts(text: str) -> dict[str, str]:
    """The first part of each label, stripped of the punctuation around it."""
    found: dict[str, str] = {}
    for span in tagger.label(text):
        found.setdefault(span.label, text[span.start:span.end].strip(" .,;:()"))
    return found


def test_tokens_cut_periods_that_lost_their_space_but_keep_numbers_and_abbreviations() -> None:
    words = [t.text for t in tagger.tokens("Smith C.Psychological detachment.The J.2019;22:1-7. U.S.A. e.g. 10.1038")]
    assert words == ["Smith", "C", ".", "Psychological", "detachment", ".", "The", "J", ".", "2019", ";", "22", ":",
                     "1-7", ".", "U.S.A", ".", "e.g", ".", "10.1038"]
    text = "Kopp EB (1999). Title. J 11:13–18."
    assert all(text[t.start:t.end] == t.text for t in tagger.tokens(text))


@pytest.mark.parametrize(("text", "expected"), [
    ("Dvir Y, Ford JD, Hill M. Childhood maltreatment and comorbidities. Harvard Review of Psychiatry. "
     "2014;22(3):149-161.",
     {"author": "Dvir Y, Ford JD, Hill M", "title": "Childhood maltreatment and comorbidities",
      "journal": "Harvard Review of Psychiatry", "pages": "149-161"}),
    ("Kopp, E. B., & Medzhitov, R. (1999). The Toll-receptor family. Current Opinion in Immunology, 11, 13–18.",
     {"author": "Kopp, E. B., & Medzhitov, R", "date": "1999", "title": "The Toll-receptor family",
      "journal": "Current Opinion in Immunology", "volume": "11", "pages": "13–18"}),
    ("J. D. Anderson, Hypersonic and High Temperature Gas Dynamics. New York: McGraw-Hill, 1989.",
     {"author": "J. D. Anderson", "title": "Hypersonic and High Temperature Gas Dynamics", "location": "New York",
      "publisher": "McGraw-Hill", "date": "1989"}),
])
def test_labels_the_parts_of_references_in_several_styles(text: str, expected: dict[str, str]) -> None:
    parts = _parts(text)
    assert {name: parts.get(name) for name in expected} == expected


def test_a_text_without_tokens_has_no_parts() -> None:
    assert tagger.label("") == [] and tagger.label("   ") == []


def test_read_labelled_keeps_each_part_where_its_text_is(tmp_path: Path) -> None:
    path = tmp_path / "set.xml"
    path.write_text("<dataset><sequence><author>Smith,\n J.</author><date>(2001).</date>"
                    "<title>A  title.</title></sequence></dataset>", encoding="utf-8")
    [(text, parts)] = list(tagger.read_labelled(path))
    assert text == "Smith, J. (2001). A title."
    assert [(name, text[start:end]) for name, start, end in parts] == [
        ("author", "Smith, J."), ("date", "(2001)."), ("title", "A title.")]


def test_the_shipped_model_was_trained_on_the_bundled_data_with_these_features() -> None:
    record = json.loads((MODELS / "reference-tagger.json").read_text(encoding="utf-8"))
    assert record["sha256"] == hashlib.sha256(TRAINING.read_bytes()).hexdigest()
    assert record["features_version"] == tagger.FEATURES_VERSION and record["training"] == tagger.TRAINING
    assert record["references"] == sum(1 for _ in tagger.read_labelled(TRAINING))


def test_training_is_deterministic_and_learns_the_labels(tmp_path: Path) -> None:
    sample = list(tagger.read_labelled(TRAINING))[:150]
    first, second = tmp_path / "a.crfsuite", tmp_path / "b.crfsuite"
    assert tagger.train(sample, first) == tagger.train(sample, second) == 150
    assert first.read_bytes() == second.read_bytes()
    import pycrfsuite

    model = pycrfsuite.Tagger()
    model.open(str(first))
    text, parts = sample[0]
    found = tagger.tokens(text)
    wanted = [next(name for name, start, end in parts if start <= t.start < end) for t in found]
    got = model.tag(tagger.features(text, found))
    assert sum(a == b for a, b in zip(got, wanted, strict=True)) >= 0.9 * len(wanted)  # a reference it saw
