"""Generate benchmark articles from the bundled seeds and the hand-written test fixtures, or from the
real articles of the dev corpus (../shared/dev-corpus, beside the repository).

The generated texts mix real prose paragraphs with reference lists in every
style and format refs reads. They are benchmark input only, never product data.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "data" / "articles").iterdir())
DEV_CORPUS = ROOT.parent / "shared" / "dev-corpus"
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "articles").iterdir())


def _paragraphs() -> list[str]:
    paragraphs: list[str] = []
    for path in SEEDS:
        for block in path.read_text(encoding="utf-8").split("\n"):
            if len(block) > 200 and "doi:" not in block:
                paragraphs.append(block.strip())
    return paragraphs


def _reference_blocks() -> list[str]:
    """Reference sections (heading and entries) taken from the fixtures and seed 001."""
    blocks: list[str] = []
    for path in [*FIXTURES, SEEDS[-1]]:
        text = path.read_text(encoding="utf-8")
        for marker in ("12 Sources", "References", "Bibliography", "Citations", "Works Cited", "[1] "):
            index = text.find(marker)
            if index >= 0:
                blocks.append(text[index:])
                break
    return blocks


def _as_markdown(title: str, body: list[str], refs: str) -> str:
    return f"# {title}\n\n" + "\n\n".join(body) + "\n\n## References\n\n" + refs


def _as_html(title: str, body: list[str], refs: str) -> str:
    paras = "".join(f"<p>{p}</p>\n" for p in body)
    items = "".join(f"<li>{line}</li>\n" for line in refs.splitlines()[1:] if line.strip())
    return (f"<html><head><title>{title}</title></head><body><h1>{title}</h1>\n{paras}"
            f"<h2>References</h2><ol>\n{items}</ol></body></html>")


def _write(directory: Path, number: int, body: list[str], refs: str) -> Path:
    """Article ``number`` as text, Markdown or HTML in turn (``refs``: its list, heading line first)."""
    title = f"Generated article {number}"
    kind = number % 3
    if kind == 0:
        path, text = directory / f"a{number:05d}.txt", title + "\n" + "\n".join(body) + "\n" + refs
    elif kind == 1:
        path, text = directory / f"a{number:05d}.md", _as_markdown(title, body, refs)
    else:
        path, text = directory / f"a{number:05d}.html", _as_html(title, body, refs)
    path.write_text(text, encoding="utf-8")
    return path


def generate(directory: Path, count: int, size: int = 15_000, seed: int = 7) -> list[Path]:
    """Write ``count`` articles of about ``size`` bytes into ``directory``."""
    rng = random.Random(seed)
    paragraphs = _paragraphs()
    blocks = _reference_blocks()
    directory.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for number in range(count):
        refs = rng.choice(blocks)
        body: list[str] = []
        while sum(len(p) for p in body) + len(refs) < size:
            body.append(rng.choice(paragraphs))
        paths.append(_write(directory, number, body, refs))
    return paths


def _dev_articles(corpus: Path) -> list[tuple[list[str], str]]:
    """Each rendering of each dev-corpus article as (body paragraphs, reference list), split where its
    truth says the list starts."""
    articles = []
    for truth_path in sorted((corpus / "truth").glob("*.json")):
        text = (corpus / "text" / (truth_path.name[: -len(".json")] + ".txt")).read_text(encoding="utf-8")
        start = json.loads(truth_path.read_text(encoding="utf-8"))["article_chars"]
        body = [line for line in text[:start].split("\n") if line.strip()]
        articles.append((body, "References\n" + text[start:].lstrip().removeprefix("References").lstrip()))
    return articles


def generate_real(directory: Path, count: int, corpus: Path = DEV_CORPUS, seed: int = 7) -> list[Path]:
    """Write ``count`` articles made from the dev corpus's real articles: each a random run of one article's
    paragraphs (a third of them or more, so sizes vary as real pages do) with that article's own list, as
    text, Markdown or HTML in turn."""
    rng = random.Random(seed)
    articles = _dev_articles(corpus)
    directory.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for number in range(count):
        paragraphs, refs = rng.choice(articles)
        length = rng.randint(max(1, len(paragraphs) // 3), len(paragraphs))
        first = rng.randint(0, len(paragraphs) - length)
        body = paragraphs[first:first + length]
        paths.append(_write(directory, number, body, refs))
    return paths
