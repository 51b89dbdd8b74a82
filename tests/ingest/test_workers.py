"""Articles parsed ahead in worker processes make the same ledger as articles read one after another."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from refs import pipeline, workers
from refs.claims.stage import Analysed
from refs.ingest import article as article_stage
from refs.store import frames as dataset
from refs.store.ledger import Ledger
from tests.support.paths import FIXTURES, SEED_001

SEEDS = sorted(SEED_001.parent.iterdir())


def _corpus(tmp_path: Path) -> list[Path]:
    """The seeds and article fixtures, each twice under another name with a first line of its own (so
    that there is enough to parse ahead), and one copy with the same content as a seed (a duplicate)."""
    folder = tmp_path / "articles"
    folder.mkdir()
    paths = []
    for round_ in (1, 2):
        for source in [*SEEDS, *sorted((FIXTURES / "articles").iterdir())]:
            path = folder / f"r{round_}-{source.name}"
            text = source.read_text(encoding="utf-8")
            first = f"<!-- round {round_} -->" if source.suffix == ".html" else f"Round {round_}"
            path.write_text(f"{first}\n{text}", encoding="utf-8")
            paths.append(path)
    shutil.copy(SEEDS[0], folder / "same-as-a-seed.txt")
    shutil.copy(SEEDS[0], folder / "same-as-a-seed-again.txt")
    return [*paths, folder / "same-as-a-seed.txt", folder / "same-as-a-seed-again.txt"]


Outcome = tuple[list[tuple[str, str, int]], dict[str, pd.DataFrame]]


def _ledger(path: Path, articles: list[Path], processes: int) -> Outcome:
    """Ingest ``articles``, then find every article's claims again (as ``refs resolve`` does)."""
    with Ledger(path) as ledger:
        run = pipeline.run(ledger, pipeline.read(articles), workers=processes)
        with ledger.transaction():  # claims found by other rules: all are found again
            ledger.conn.execute("UPDATE articles SET claims_digest = NULL")
        claims = pipeline.claims(ledger, workers=processes)
        assert claims.articles == len(ledger.conn.execute("SELECT id FROM articles").fetchall())
        tables = dataset.tables(ledger)
    tables["articles"] = tables["articles"].drop(columns=["ingested_at"])
    return [(r.status.value, r.article_id, r.n_sources) for r in run.articles], tables


def test_workers_make_the_ledger_one_process_makes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    submitted: list[Path] = []
    claims_of: list[str] = []

    class Counted(ProcessPoolExecutor):
        def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Any:
            if isinstance(args[0], tuple):  # finding the claims of a stored article: ((id, ...), digest)
                claims_of.append(args[0][0][0])
            else:
                submitted.append(args[0].article.path)
            return super().submit(fn, *args, **kwargs)

    monkeypatch.setattr(workers, "ProcessPoolExecutor", Counted)
    articles = _corpus(tmp_path)
    alone, alone_tables = _ledger(tmp_path / "alone.sqlite", articles, processes=0)
    assert submitted == []
    ahead, ahead_tables = _ledger(tmp_path / "ahead.sqlite", articles, processes=2)
    assert set(articles[:-1]) <= set(submitted)  # the last may be seen as a duplicate before it is sent
    assert len(claims_of) == len(set(claims_of)) == len(articles) - 1
    assert ahead == alone
    assert (alone[-2][0], alone[-1][0]) == ("added", "duplicate")
    assert sum(n for _, _, n in alone) > 50
    for name, frame in alone_tables.items():
        pd.testing.assert_frame_equal(ahead_tables[name], frame, obj=name)
    assert len(alone_tables["claim_sources"]) > 20  # links were made, and made alike


def test_links_found_ahead_are_made_again_when_the_ledger_knows_more_of_a_source(tmp_path: Path) -> None:
    article = article_stage.read(SEED_001)
    analysed = Analysed.of(article.text, article.references_line, article.entries)
    assert analysed.links
    stored = [dataclasses.replace(s, id=100 + s.id) for s in analysed.cited]
    remapped = analysed.stored_as(stored)
    assert remapped is not None
    assert [each.source_id for each in remapped] == [100 + each.source_id for each in analysed.links]
    # A work resolved earlier through another article brings its abstract: verification may differ.
    known = [dataclasses.replace(s, abstract="An abstract from Crossref.") if s.position == 9 else s for s in stored]
    assert analysed.stored_as(known) is None


_RUN = """
import os, sys, time
from refs import workers

def main():
    for _, pid in workers.ahead(_pid, range(4), 2):
        print(pid, flush=True)
    time.sleep(60)

def _pid(_):
    return os.getpid()

if __name__ == "__main__":
    main()
"""


def test_workers_end_when_the_run_is_killed(tmp_path: Path) -> None:
    script = tmp_path / "run.py"
    script.write_text(_RUN, encoding="utf-8")
    run = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True,
                           cwd=Path(__file__).resolve().parents[2])
    assert run.stdout is not None
    pids = {int(run.stdout.readline()) for _ in range(4)}
    assert run.pid not in pids and pids
    run.kill()
    run.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in pids):
        time.sleep(0.2)
    assert not any(_alive(pid) for pid in pids)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split()[2] == "Z")  # a zombie has ended
