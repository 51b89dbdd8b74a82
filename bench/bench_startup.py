"""Benchmark: commands as a user runs them, whole processes: `refs --help` and `refs claims 64.5%` on a
ledger of 100,000 claims, p50 and p95 over repeated runs, each as a ratio to `python -c pass`.

Run: python bench/bench_startup.py [--claims N] [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import bench_claims  # noqa: E402

from refs.store.ledger import Ledger  # noqa: E402

REFS = [sys.executable, "-c", "from cli.main import main; main()"]


def _times(command: list[str], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        out.append(time.perf_counter() - started)
    return out


def _row(label: str, times: list[float], floor: float) -> str:
    p50 = statistics.median(times)
    p95 = sorted(times)[max(0, int(len(times) * 0.95) - 1)]
    return f"{label:<28} p50 {p50 * 1000:6.0f} ms  p95 {p95 * 1000:6.0f} ms  ({p95 / floor:4.1f}x the floor)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    floor_times = _times([sys.executable, "-c", "pass"], args.runs)
    floor = sorted(floor_times)[max(0, int(args.runs * 0.95) - 1)]
    with tempfile.TemporaryDirectory() as tmp:
        library = Path(tmp) / "ledger.sqlite"
        with Ledger(library) as ledger:
            bench_claims.build(ledger, args.claims)
        print(_row("python -c pass (the floor)", floor_times, floor))
        print(_row("refs --help", _times([*REFS, "--help"], args.runs), floor))
        print(_row(f"refs claims 64.5% ({args.claims} claims)",
                   _times([*REFS, "--library", str(library), "claims", "64.5%"], args.runs), floor))
        print(_row("refs claims 'emotionally numb'",
                   _times([*REFS, "--library", str(library), "claims", "emotionally numb"], args.runs), floor))


if __name__ == "__main__":
    main()
