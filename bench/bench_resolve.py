"""Benchmark: resolve 1,000 DOIs against the Crossref stand-in with polite-pool limits.

Prints requests, 429s and wall time for refs (first run and cached second run)
and, in the same run, for a plain habanero loop (one works call per DOI).
The records are synthetic (test prefix 10.5555); see tests/synthetic.py.
Run: python bench/bench_resolve.py [--count N] [--latency SECONDS]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from refs import pipeline  # noqa: E402
from refs.crossref import resolve  # noqa: E402
from refs.crossref.client import CrossrefClient, Settings  # noqa: E402
from refs.store.ledger import Ledger  # noqa: E402
from tests.support import synthetic  # noqa: E402
from tests.support.crossref_standin import StandIn  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--latency", type=float, default=0.05)
    args = parser.parse_args()
    server = StandIn(synthetic.records(args.count), limit=10, interval=1.0, concurrency=3, latency=args.latency)
    with tempfile.TemporaryDirectory() as tmp, server.running():
        ledger = Ledger(Path(tmp) / "ledger.sqlite")
        pipeline.ingest_file(ledger, synthetic.article(Path(tmp) / "a.txt", range(args.count)))
        for label in ("refs, first run", "refs, second run"):
            before = len(server.log)
            start = time.perf_counter()
            summary = resolve.resolve(ledger, CrossrefClient(Settings(server.url, "bench@example.org")))
            elapsed = time.perf_counter() - start
            throttled = sum(1 for e in server.log[before:] if e.status == 429)
            print(f"{label:<22} requests {len(server.log) - before:>5}  429s {throttled:>4}  "
                  f"wall {elapsed:6.2f} s  resolved {summary.resolved}")
        before = len(server.log)
        dois = [synthetic.doi(n) for n in range(args.count)]
        done = subprocess.run([sys.executable, str(ROOT / "bench" / "plain_habanero.py"), server.url, *dois],
                              capture_output=True, text=True, check=True)
        _, failures, wall = done.stdout.split()
        throttled = sum(1 for e in server.log[before:] if e.status == 429)
        print(f"{'plain habanero loop':<22} requests {len(server.log) - before:>5}  429s {throttled:>4}  "
              f"wall {float(wall):6.2f} s  resolved {args.count - int(failures)}")


if __name__ == "__main__":
    main()
