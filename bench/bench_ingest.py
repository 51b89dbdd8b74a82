"""Benchmark: ingest generated articles (with their claims); print articles/s, MB/s, the ratio to a floor,
per-article cost as the ledger grows, and peak memory.

The floor is reading every file and running one regular expression over it (what no ingest can beat).
Then runs the claims stage (extract, link, verify) over the same ledger and times it.

Articles come from the seeds and test fixtures (default), or with --real from the real articles of
../shared/dev-corpus (a random run of one article's paragraphs with its own reference list, so sizes,
lists and claims vary as on real pages).

Run: python bench/bench_ingest.py [--count N] [--real] [--jobs N]
"""

from __future__ import annotations

import argparse
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus

from refs import pipeline
from refs.store.ledger import Ledger

_WORD = re.compile(r"\w+")
_BATCHES = 4  # per-article cost is printed for each quarter of the run: flat when ingest is linear


def _floor(paths: list[Path]) -> float:
    """Seconds to read every file and run one regular expression over its text."""
    start = time.perf_counter()
    for path in paths:
        sum(1 for _ in _WORD.finditer(path.read_text(encoding="utf-8")))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--real", action="store_true", help="articles made from ../shared/dev-corpus")
    parser.add_argument("--jobs", type=int, default=1, help="processes parsing ahead (1: none), as refs ingest --jobs")
    args = parser.parse_args()
    if args.real and not corpus.DEV_CORPUS.is_dir():
        sys.exit(f"bench_ingest: {corpus.DEV_CORPUS} not found")
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp) / "articles"
        paths = corpus.generate_real(directory, args.count) if args.real else corpus.generate(directory, args.count)
        total_bytes = sum(p.stat().st_size for p in paths)
        floor = _floor(paths)
        quarters = [paths[k * len(paths) // _BATCHES:(k + 1) * len(paths) // _BATCHES] for k in range(_BATCHES)]
        per_article: list[float] = []
        with Ledger(Path(tmp) / "ledger.sqlite") as ledger:
            start = time.perf_counter()
            n_sources = 0
            for quarter in quarters:
                began = time.perf_counter()
                n_sources += pipeline.run(ledger, pipeline.read(quarter), workers=args.jobs).n_sources
                per_article.append((time.perf_counter() - began) / max(1, len(quarter)))
            elapsed = time.perf_counter() - start
            start = time.perf_counter()
            kept = pipeline.claims(ledger)
            kept_elapsed = time.perf_counter() - start
            with ledger.transaction():  # as after a change of the claim rules: every article's claims again
                ledger.conn.execute("UPDATE articles SET claims_digest = NULL")
            start = time.perf_counter()
            claims = pipeline.claims(ledger, workers=args.jobs)
            claims_elapsed = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles:        {len(paths)} ({total_bytes / len(paths) / 1024:.1f} KB average, "
          f"{'dev corpus' if args.real else 'seeds and fixtures'})")
    print(f"sources stored:  {n_sources}")
    print(f"wall time:       {elapsed:.2f} s")
    print(f"throughput:      {len(paths) / elapsed:.0f} articles/s, {total_bytes / elapsed / 1e6:.2f} MB/s, "
          f"ingest with claims, each article one transaction, {args.jobs} process(es) parsing")
    print(f"floor:           {len(paths) / floor:.0f} articles/s (read + one regex pass); ingest is "
          f"{elapsed / floor:.0f}x the floor")
    print(f"per article:     {', '.join(f'{seconds * 1000:.1f}' for seconds in per_article)} ms for each quarter "
          "of the run (the ledger growing)")
    print(f"claims stage:    {claims.claims} claims, {claims.links} links in {claims_elapsed:.2f} s "
          f"({len(paths) / claims_elapsed:.0f} articles/s, found again over the whole ledger); {kept_elapsed:.2f} s "
          f"to keep them ({kept.articles} articles) when nothing they rest on changed")
    print(f"peak memory:     {peak_mb:.0f} MB RSS (target < 250)")


if __name__ == "__main__":
    main()
