"""Benchmark: check a 3,000-word draft against a ledger of 100,000 claims, offline with cached sources.

The ledger is bench_claims' generated one; the draft's ten references have
their (synthetic, test-prefix) Crossref records in the ledger's cache.
Run: python bench/bench_check.py [--claims N] [--words N]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import bench_claims  # noqa: E402

from refs import pipeline  # noqa: E402
from refs.check import check  # noqa: E402
from refs.store.ledger import Ledger  # noqa: E402
from tests.support import synthetic  # noqa: E402


def draft(path: Path, words: int, seed: int = 5) -> Path:
    rng = random.Random(seed)
    pool = bench_claims._sentences()
    lines = ["# A generated draft for the check benchmark", ""]
    count = 0
    while count < words:
        sentence = rng.choice(pool)
        if rng.random() < 0.3:
            sentence = f"In a {rng.randint(1995, 2024)} study, {rng.randint(1, 99)}% of adults agreed. {sentence}"
        if rng.random() < 0.3:
            sentence = sentence.rstrip(".") + f" [{rng.randint(1, 10)}]."
        lines.append(sentence)
        count += len(sentence.split())
    lines += ["", "## References", ""]
    for number in range(10):
        lines.append(f"{number + 1}. Synthetic{number} T. Synthetic benchmark record number {number}. PLoS One. "
                     f"2012;7(3):e33693. doi:{synthetic.doi(number)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--words", type=int, default=3000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ledger = Ledger(Path(tmp) / "ledger.sqlite")
        bench_claims.build(ledger, args.claims)
        with ledger.transaction():
            for doi, record in synthetic.records(10).items():
                ledger.conn.execute("INSERT INTO crossref_cache (key, status, body, fetched_at) VALUES (?,?,?,?)",
                                    (f"doi:{doi}", "found", json.dumps(record), "2026-01-01T00:00:00+00:00"))
        path = draft(Path(tmp) / "draft.md", args.words)
        start = time.perf_counter()
        report = check.check(path, ledger, pipeline.Crossref(None, offline=True))
        elapsed = time.perf_counter() - start
        words = len(path.read_text(encoding="utf-8").split())
        statuses: dict[str, int] = {}
        for claim in report.claims:
            statuses[str(claim.status)] = statuses.get(str(claim.status), 0) + 1
        print(f"ledger claims:  {args.claims}")
        print(f"draft:          {words} words, {len(report.claims)} claims, {len(report.references)} references")
        print(f"claim statuses: {statuses}")
        print(f"check time:     {elapsed:.2f} s (target < 2 s)")


if __name__ == "__main__":
    main()
