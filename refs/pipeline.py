"""The main job: build the ledger from a directory of articles."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from refs import bundled, ingest
from refs.errors import InputError
from refs.ingest import IngestResult
from refs.ledger import Ledger


@dataclass
class BuildSummary:
    """What a build did, for the summary line."""

    articles: list[IngestResult] = field(default_factory=list)

    @property
    def n_sources(self) -> int:
        return sum(r.n_sources for r in self.articles)

    @property
    def n_dois(self) -> int:
        return sum(r.n_dois for r in self.articles)

    def count(self, status: str) -> int:
        return sum(1 for r in self.articles if r.status == status)


def build(ledger: Ledger, articles: Path | None = None) -> BuildSummary:
    """Ingest every article in ``articles`` (default: the bundled ones) into ``ledger``."""
    directory = articles or bundled.articles_dir()
    if not directory.is_dir():
        raise InputError(f"{directory}: not a directory of articles")
    files = bundled.article_files(directory)
    if not files:
        raise InputError(f"{directory}: no article files (.txt, .md, .html)")
    return BuildSummary(articles=ingest.ingest_files(ledger, files))
