"""Where the bundled default articles are, installed or in a source checkout."""

from __future__ import annotations

import importlib.resources
from pathlib import Path


def articles_dir() -> Path:
    """The directory of bundled articles (``data/articles`` in the source tree)."""
    checkout = Path(__file__).resolve().parents[2] / "data" / "articles"
    if checkout.is_dir():
        return checkout
    try:
        installed = importlib.resources.files("refs._data") / "articles"
    except ModuleNotFoundError:
        return checkout
    return Path(str(installed))


def article_files(directory: Path) -> list[Path]:
    """Article files in ``directory`` (text, Markdown, HTML), sorted by name."""
    suffixes = {".txt", ".text", ".md", ".markdown", ".html", ".htm"}
    return sorted(p for p in directory.iterdir() if p.is_file() and p.suffix.lower() in suffixes)
