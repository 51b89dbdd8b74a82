"""The bundled seed articles: the worked example's reference list, and the others' lack of one."""

from __future__ import annotations

from pathlib import Path

import pytest

from refs.ingest import article
from tests.support.paths import OTHER_SEEDS, SEED_001

SEED_001_DOIS = [
    "10.1097/hrp.0000000000000014",
    "10.1037/ort0000264",
    "10.1136/bmj.h6161",
    "10.1002/hbm.23748",
    "10.2147/ppa.s110632",
    "10.3389/fpsyt.2018.00389",
    "10.1017/sjp.2019.2",
    "10.1177/0963721411434979",
]


def _parsed(path: Path) -> list:  # type: ignore[type-arg]
    return article.read(path).entries


def test_seed_001_has_exactly_twelve_sources_and_eight_dois() -> None:
    parsed = _parsed(SEED_001)
    assert len(parsed) == 12
    assert [c.doi for c in parsed if c.doi] == SEED_001_DOIS


def test_seed_001_cartwright_entry_parses_fully() -> None:
    cartwright = _parsed(SEED_001)[8]
    assert [(a.family, a.given) for a in cartwright.authors] == [
        ("Cartwright", "C"), ("Gibson", "K"), ("Read", "J"), ("Cowan", "O"), ("Dehar", "T"),
    ]
    assert cartwright.year == 2016
    assert cartwright.title == "Long-term antidepressant use: patient perspectives of benefits and adverse effects"
    assert cartwright.container == "Patient Prefer Adherence"
    assert cartwright.volume == "10"
    assert cartwright.pages == "1401-1407"
    assert cartwright.doi == "10.2147/ppa.s110632"
    assert cartwright.methods["title"] == "reference-text"


def test_seed_001_web_sources_are_organisation_sources() -> None:
    web = [c for c in _parsed(SEED_001) if c.kind == "web"]
    assert [(c.authors[0].name, c.title) for c in web] == [
        ("Berkeley Well-Being Institute", "Emotional-detachment: definition, causes, and signs"),
        ("American Academy of Child and Adolescent Psychiatry", "Attachment disorders"),
        ("National Alliance on Mental Illness", "Dissociative disorders"),
        ("Autism Speaks", "What are the symptoms of autism?"),
    ]
    assert all(c.doi is None and c.authors[0].family is None for c in web)


def test_seed_001_entries_keep_their_raw_text() -> None:
    text = SEED_001.read_text(encoding="utf-8")
    parsed = _parsed(SEED_001)
    assert all(c.raw in text for c in parsed)
    assert parsed[1].raw.endswith("doi:10.1097/HRP.0000000000000014")
    assert parsed[2].raw.startswith("Grossman FK, Spinazzola J")


@pytest.mark.parametrize("path", OTHER_SEEDS, ids=lambda p: p.name)
def test_other_seeds_have_no_sources(path: Path) -> None:
    assert _parsed(path) == []
