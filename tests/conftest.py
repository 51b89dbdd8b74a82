"""Shared test helpers: paths to the bundled seeds, hand-written fixtures and recorded samples."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "data" / "articles"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_001 = ARTICLES / "verywell-health-emotional-detachment.txt"
OTHER_SEEDS = sorted(p for p in ARTICLES.iterdir() if p != SEED_001)


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return tmp_path / "ledger.sqlite"


# Property tests draw the same examples on every run: the suite is deterministic.
settings.register_profile("refs", derandomize=True, deadline=None, database=None, max_examples=150)
settings.load_profile("refs")


@pytest.fixture(autouse=True)
def no_real_crossref(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never reach the real Crossref: the default base URL is a closed local port."""
    monkeypatch.setenv("REFS_CROSSREF_URL", "http://127.0.0.1:9")
    monkeypatch.delenv("REFS_MAILTO", raising=False)
