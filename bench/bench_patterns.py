"""Benchmark: linear time on any text. Times ingest + claims on every hostile line and, when
../shared/dev-corpus is beside the repository, on every line of its real articles; prints the
slowest lines as characters per second, and whole-article throughput.

Run: python bench/bench_patterns.py [--size 10000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from refs.claims import extract  # noqa: E402
from refs.ingest import article  # noqa: E402
from refs.model import Article, ArticleFormat, TitleSource  # noqa: E402
from tests.support import adversarial  # noqa: E402

DEV_CORPUS = ROOT.parent / "shared" / "dev-corpus" / "text"


def _seconds(text: str) -> float:
    """Reference-list finding, entry parsing and claim extraction on ``text``, as ingest runs them."""
    doc = Article(path=Path("bench.txt"), text=text, format=ArticleFormat.TEXT, sha256="", size=len(text),
                  title="bench", title_source=TitleSource.FILE_NAME)
    start = time.perf_counter()
    for variant in (text, "References\n" + text, "References\n1. " + text):
        doc.text = variant
        article.prepare(doc)
        extract.extract(variant, doc.references_line)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=10_000, help="characters per hostile line")
    args = parser.parse_args()
    timed = [(name, len(line), _seconds(line)) for name, line in adversarial.lines(args.size).items()]
    timed.sort(key=lambda row: row[1] / row[2])
    print(f"hostile lines ({len(timed)}, ~{args.size // 1000} KB each), slowest first:")
    for name, size, seconds in timed[:6]:
        print(f"  {name:<22} {size / seconds / 1000:10.0f} K chars/s  ({seconds * 1000:.1f} ms)")
    if not DEV_CORPUS.is_dir():
        print("dev corpus: not beside the repository (../shared/dev-corpus); skipped")
        return
    files = sorted(DEV_CORPUS.glob("*.txt"))
    total_chars, total_seconds, slowest = 0, 0.0, []
    for path in files:
        text = path.read_text(encoding="utf-8")
        started = time.perf_counter()
        doc = Article(path=path, text=text, format=ArticleFormat.TEXT, sha256="", size=len(text), title="t",
                      title_source=TitleSource.FILE_NAME)
        article.prepare(doc)
        extract.extract(text, doc.references_line)
        total_seconds += time.perf_counter() - started
        total_chars += len(text)
        for line in text.split("\n"):
            if len(line) >= 200:
                slowest.append((len(line) / _seconds(line), path.name, line[:60]))
    slowest.sort()
    print(f"dev corpus: {len(files)} texts, {total_chars / 1e6:.2f} M chars in {total_seconds:.2f} s "
          f"({total_chars / total_seconds / 1e6:.2f} M chars/s, whole articles)")
    print("slowest lines (each run three ways, as above):")
    for rate, name, head in slowest[:3]:
        print(f"  {rate / 1000:10.0f} K chars/s  {name}: {head}...")


if __name__ == "__main__":
    main()
