"""Benchmark: export N resolved works in every bibliography format; print works/s and peak memory.

The works are the recorded Crossref samples (tests/fixtures/crossref-samples) copied under benchmark DOIs
(10.5555/bench.*, Crossref's test prefix), cited 100 to an article and resolved offline from the cache.

Run: python bench/bench_export.py [--count N]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from refs import export, pipeline
from refs.ingest import article as article_stage
from refs.store import cache
from refs.store.ledger import Ledger
from tests.support.crossref_standin import sample_records


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=10_000, help="works (a multiple of 100)")
    args = parser.parse_args()
    records = list(sample_records().values())
    with tempfile.TemporaryDirectory() as tmp:
        ledger = Ledger(Path(tmp) / "ledger.sqlite")
        found = []
        for a in range(args.count // 100):
            path = Path(tmp) / f"a{a}.txt"
            path.write_text("Benchmark article\n\nReferences\n" + "\n".join(
                f"{i + 1}. doi:10.5555/bench.{a}.{i}" for i in range(100)) + "\n", encoding="utf-8")
            found.append(article_stage.read(path))
        pipeline.run(ledger, found)
        with ledger.transaction():
            for a in range(args.count // 100):
                for i in range(100):
                    record = dict(records[(a * 100 + i) % len(records)], DOI=f"10.5555/bench.{a}.{i}")
                    cache.put(ledger, f"doi:10.5555/bench.{a}.{i}", cache.FOUND, record)
        start = time.perf_counter()
        pipeline.resolve(ledger, pipeline.Crossref(None, offline=True))
        print(f"resolve from cache: {time.perf_counter() - start:.2f} s, peak RSS so far {_rss_mb():.0f} MB")
        for fmt in export.ENTRY_FORMATS:
            start = time.perf_counter()
            text = str(export.export(ledger, fmt))
            elapsed = time.perf_counter() - start
            print(f"{fmt:9} {args.count} works: {elapsed:.2f} s ({args.count / elapsed:.0f} works/s), "
                  f"{len(text) / 1e6:.1f} MB")
        ledger.close()
    print(f"peak RSS: {_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
