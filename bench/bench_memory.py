"""Benchmark: peak memory of one `refs ingest` of many files (generated ~15 KB articles), measured in a
child process for each size: flat memory means the peak does not grow with the number of files.

Run: python bench/bench_memory.py [--sizes 500,1000,2000]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import corpus  # noqa: E402

_CHILD = """
import resource, sys
from pathlib import Path
from refs import pipeline
from refs.store.ledger import Ledger
paths = sorted(Path(sys.argv[1]).iterdir())
with Ledger(Path(sys.argv[2])) as ledger:
    summary = pipeline.run(ledger, pipeline.read(paths))
print(len(summary.articles), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="500,1000,2000")
    args = parser.parse_args()
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            corpus.generate(Path(tmp) / "articles", size)
            started = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", _CHILD, str(Path(tmp) / "articles"),
                                   str(Path(tmp) / "ledger.sqlite")], cwd=ROOT, capture_output=True, text=True,
                                  check=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
            count, peak = done.stdout.split()
            print(f"{count:>6} files  peak RSS {peak:>5} MB  {time.perf_counter() - started:6.1f} s "
                  "(ingest with claims)")


if __name__ == "__main__":
    main()
