"""Benchmark: how long would a ledger of a million articles take to build on this machine?

Ingests N generated articles (default 100,000; ~15 KB each from the seeds and fixtures, or with --real
made from ../shared/dev-corpus) into one ledger in ten equal batches, each batch one run as
`refs ingest --jobs N` makes it, and prints each batch's articles per second: flat means the cost of an
article does not grow with the ledger. The time for a million is extrapolated from the measured batches
only (the mean cost per article of the last half, as the ledger was largest), never from a model.

Run: python bench/bench_million.py [--count N] [--jobs N] [--real]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus

from refs import pipeline
from refs.store.ledger import Ledger

BATCHES = 10


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=2, help="worker processes parsing ahead (1: none)")
    parser.add_argument("--real", action="store_true", help="articles made from ../shared/dev-corpus")
    args = parser.parse_args()
    if args.real and not corpus.DEV_CORPUS.is_dir():
        sys.exit(f"bench_million: {corpus.DEV_CORPUS} not found")
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        directory = Path(tmp) / "articles"
        paths = (corpus.generate_real(directory, args.count) if args.real
                 else corpus.generate(directory, args.count))
        print(f"generated {len(paths)} articles in {time.perf_counter() - started:.0f} s "
              f"({sum(p.stat().st_size for p in paths) / len(paths) / 1024:.1f} KB average)", flush=True)
        size = len(paths) // BATCHES
        costs: list[float] = []
        with Ledger(Path(tmp) / "ledger.sqlite") as ledger:
            for batch in range(BATCHES):
                part = paths[batch * size:(batch + 1) * size]
                began = time.perf_counter()
                pipeline.run(ledger, pipeline.read(part), workers=args.jobs)
                seconds = time.perf_counter() - began
                costs.append(seconds / len(part))
                ledger_mb = (Path(tmp) / "ledger.sqlite").stat().st_size / 1e6
                print(f"batch {batch + 1:>2}: articles {batch * size + 1:>7}-{(batch + 1) * size:<7} "
                      f"{len(part) / seconds:6.1f} articles/s  ledger {ledger_mb:8.0f} MB", flush=True)
    late = sum(costs[BATCHES // 2:]) / (BATCHES - BATCHES // 2)
    early = sum(costs[:BATCHES // 2]) / (BATCHES // 2)
    print(f"cost per article: {early * 1000:.1f} ms in the first half, {late * 1000:.1f} ms in the second "
          f"(ratio {late / early:.2f}; 1.00 is linear)")
    print(f"a million articles at the second half's cost: {late * 1_000_000 / 3600:.1f} h "
          f"(goal: under 1 h; {args.jobs} worker processes on {len(paths)} articles)")


if __name__ == "__main__":
    main()
