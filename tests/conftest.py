"""Fixtures every test gets: a ledger path, deterministic property tests, no real Crossref."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings


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
