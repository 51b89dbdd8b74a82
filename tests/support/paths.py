"""Where the tests' inputs are: the bundled seed articles, hand-written fixtures, recorded Crossref answers."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "data" / "articles"
FIXTURES = ROOT / "tests" / "fixtures"
SAMPLES = FIXTURES / "crossref-samples"  # recorded Crossref responses, see its README
SEED_001 = ARTICLES / "verywell-health-emotional-detachment.txt"
OTHER_SEEDS = sorted(p for p in ARTICLES.iterdir() if p != SEED_001)
