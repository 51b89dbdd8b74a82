"""Benchmark: does a step's cost per article stay the same when the ledger doubles?

Builds a ledger of N real-text articles (made from ../shared/dev-corpus as bench_ingest --real makes
them), then times, per article, what a user's next runs do: ingest new articles, run again over
articles that did not change, replace articles that changed, and plan the resolution of the changed
ones. The ledger is then doubled to 2N and every step timed again on the same number of articles. Linear
means the two columns agree (ratio near 1); a cost that grows with the ledger shows as a ratio near 2.

Every run goes through ``pipeline.run(ledger, pipeline.read(paths))``, as ``refs ingest`` does.
Run: python bench/bench_scaling.py [--count N] [--changed K]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus

from refs import pipeline
from refs.crossref import resolve as resolve_stage
from refs.ingest import tagger
from refs.model import IngestStatus
from refs.store.ledger import Ledger


def _per_article(step: Callable[[], int]) -> float:
    """Milliseconds per article of ``step`` (which returns how many articles it handled), with the
    reference labels cached by earlier steps forgotten, so both sizes do the same work."""
    tagger._label.cache_clear()
    start = time.perf_counter()
    count = step()
    return (time.perf_counter() - start) * 1000 / max(1, count)


def _edit(paths: list[Path], round_: int) -> None:
    """Change each file a little (one sentence more), as an author's edit would."""
    for path in paths:
        text = path.read_text(encoding="utf-8")
        sentence = f" Edited in round {round_}."
        if path.suffix == ".html":
            text = text.replace("</p>", sentence + "</p>", 1)
        else:
            first, _, rest = text.partition("\n")
            text = first + "\n" + sentence.strip() + "\n" + rest
        path.write_text(text, encoding="utf-8")


def _run(ledger: Ledger, paths: list[Path], expect: IngestStatus) -> int:
    summary = pipeline.run(ledger, pipeline.read(paths))
    if summary.count(expect) != len(paths):
        sys.exit(f"bench_scaling: expected {len(paths)} {expect.value}, got "
                 f"{[r.status.value for r in summary.articles]}")
    return len(paths)


def _steps(ledger: Ledger, new: list[Path], old: list[Path], changed: list[Path], round_: int) -> dict[str, float]:
    """Per-article milliseconds of each step, at the ledger's present size."""
    figures = {"ingest new": _per_article(lambda: _run(ledger, new, IngestStatus.ADDED)),
               "run again, unchanged": _per_article(lambda: _run(ledger, old, IngestStatus.UNCHANGED))}
    _edit(changed, round_)
    figures["replace changed"] = _per_article(lambda: _run(ledger, changed, IngestStatus.REPLACED))
    ids = [r.article_id for r in pipeline.run(ledger, pipeline.read(changed)).articles]

    def plan() -> int:
        resolve_stage.plan(ledger, ids)
        return len(ids)

    figures["plan resolution"] = _per_article(plan)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=200, help="articles in the first ledger (N)")
    parser.add_argument("--changed", type=int, default=20, help="articles timed at each size (K)")
    args = parser.parse_args()
    if not corpus.DEV_CORPUS.is_dir():
        sys.exit(f"bench_scaling: {corpus.DEV_CORPUS} not found")
    n, k = args.count, min(args.changed, args.count)
    with tempfile.TemporaryDirectory() as tmp:
        paths = corpus.generate_real(Path(tmp) / "articles", 2 * n)
        base, grow = paths[:n], paths[n + k:2 * n]
        # The new articles added at 2N are those added at N under other names, with a first line of their
        # own: the same text to read at both sizes.
        again = []
        for path in paths[n:n + k]:
            copy = path.with_name("again-" + path.name)
            copy.write_text("Added again\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
            again.append(copy)
        with Ledger(Path(tmp) / "ledger.sqlite") as ledger:
            _run(ledger, base, IngestStatus.ADDED)
            # At each size the same K articles are run again and changed, and K new ones are added.
            at_n = _steps(ledger, paths[n:n + k], base[:k], base[:k], 1)
            _run(ledger, grow, IngestStatus.ADDED)  # N + K + (N - K) = 2N
            at_2n = _steps(ledger, again, base[:k], base[:k], 2)
    print(f"per-article cost (ms) of {k} articles, ledger of {n} and of {2 * n} articles (real text, "
          f"{corpus.DEV_CORPUS.name})")
    print(f"{'step':<22} {'at N':>9} {'at 2N':>9} {'ratio':>7}")
    for step in at_n:
        print(f"{step:<22} {at_n[step]:9.2f} {at_2n[step]:9.2f} {at_2n[step] / at_n[step]:7.2f}")


if __name__ == "__main__":
    main()
