"""Benchmark: peak memory of one `refs build` (offline) of many files (generated ~15 KB articles), measured
in a child process for each size: flat memory means the peak does not grow with the number of files.

With --jobs N the articles are parsed in N worker processes as `refs build --jobs N` does; the figure is
then the peak of the whole process tree (the run, its workers and their fork server), sampled from /proc
every 50 ms, beside the run's own peak.

Run: python bench/bench_memory.py [--sizes 1000,10000] [--jobs N]
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

if __name__ == "__main__":
    with Ledger(Path(sys.argv[2])) as ledger:
        summary = pipeline.build(ledger, Path(sys.argv[1]), pipeline.Crossref(None, offline=True),
                                 workers=int(sys.argv[3]))
    print(len(summary.articles), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def _tree_rss_kb(root: int) -> int:
    """Resident memory of ``root`` and all its descendants, in KB (from /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            status = (entry / "status").read_text()
        except OSError:
            continue
        pid = int(entry.name)
        children.setdefault(int(stat[1]), []).append(pid)
        rss[pid] = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (1: none)")
    args = parser.parse_args()
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            corpus.generate(Path(tmp) / "articles", size)
            (Path(tmp) / "run.py").write_text(_CHILD, encoding="utf-8")
            started = time.perf_counter()
            child = subprocess.Popen([sys.executable, str(Path(tmp) / "run.py"), str(Path(tmp) / "articles"),
                                      str(Path(tmp) / "ledger.sqlite"), str(args.jobs)], cwd=ROOT,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                     env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
            tree = 0
            while child.poll() is None:
                tree = max(tree, _tree_rss_kb(child.pid))
                time.sleep(0.05)
            out = child.stdout.read() if child.stdout else ""
            if child.returncode:
                sys.exit(f"bench_memory: the run of {size} files failed ({child.returncode})")
            count, peak = out.split()
            elapsed = time.perf_counter() - started
            print(f"{count:>7} files  peak RSS {peak:>4} MB (the run), {tree // 1024:>4} MB (with its workers)  "
                  f"{elapsed:7.1f} s  {int(count) / elapsed:5.0f} articles/s  (refs build --offline, --jobs "
                  f"{args.jobs})")


if __name__ == "__main__":
    main()
