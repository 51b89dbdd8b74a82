"""Benchmark: ingest 1,000 generated ~15 KB articles (with their claims); print articles/s and peak memory.

Then runs the claims stage (extract, link, verify) over the same ledger and times it.

Run: python bench/bench_ingest.py [--count N]
"""

from __future__ import annotations

import argparse
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = corpus.generate(Path(tmp) / "articles", args.count)
        total_bytes = sum(p.stat().st_size for p in paths)
        with Ledger(Path(tmp) / "ledger.sqlite") as ledger:
            start = time.perf_counter()
            n_sources = 0
            for path in paths:
                n_sources += pipeline.ingest_file(ledger, path).n_sources
            elapsed = time.perf_counter() - start
            start = time.perf_counter()
            claims = pipeline.claims(ledger)
            claims_elapsed = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles:        {len(paths)} ({total_bytes / len(paths) / 1024:.1f} KB average)")
    print(f"sources stored:  {n_sources}")
    print(f"wall time:       {elapsed:.2f} s")
    print(f"throughput:      {len(paths) / elapsed:.0f} articles/s, ingest with claims, each article one "
          "transaction")
    print(f"claims stage:    {claims.claims} claims, {claims.links} links in {claims_elapsed:.2f} s "
          f"({len(paths) / claims_elapsed:.0f} articles/s, run again over the whole ledger)")
    print(f"peak memory:     {peak_mb:.0f} MB RSS (target < 300)")


if __name__ == "__main__":
    main()
