"""kill -9 in the middle of an ingest: every article is whole or absent, and a re-run completes the ledger."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from refs import pipeline
from refs.store.ledger import Ledger
from tests.support.paths import ROOT, SEED_001

COUNT = 300


def _articles(folder: Path) -> list[Path]:
    folder.mkdir()
    text = SEED_001.read_text(encoding="utf-8")
    paths = []
    for n in range(COUNT):
        path = folder / f"copy-{n:03d}.txt"
        path.write_text(f"Copy {n} of a page\n\n{text}\nRevision {n}.\n", encoding="utf-8")
        paths.append(path)
    return paths


def _claims_per_article(library: Path) -> dict[str, int]:
    conn = sqlite3.connect(library)
    rows = conn.execute("SELECT a.id, (SELECT COUNT(*) FROM claims c WHERE c.article_id = a.id) FROM articles a")
    found = {str(article): int(count) for article, count in rows}
    conn.close()
    return found


def test_kill_9_during_ingest_leaves_whole_articles_and_a_rerun_completes(tmp_path: Path) -> None:
    paths = _articles(tmp_path / "articles")
    library = tmp_path / "l.sqlite"
    command = [sys.executable, "-c", "from cli.main import main; main()", "--library", str(library), "ingest",
               *map(str, paths)]
    env = {"PATH": os.environ["PATH"], "PYTHONPATH": str(ROOT), "REFS_CROSSREF_URL": "http://127.0.0.1:9"}
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        if library.exists():
            try:
                conn = sqlite3.connect(library, timeout=1)
                stored = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
                conn.close()
            except sqlite3.Error:
                stored = 0
            if stored >= 20:
                break
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait(10)
    assert 20 <= stored < COUNT, "the ingest must be killed part-way for this test to mean anything"
    partial = _claims_per_article(library)
    assert partial and all(count > 0 for count in partial.values())  # no article without its claims
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    with Ledger(tmp_path / "clean.sqlite") as clean:
        expected = pipeline.ingest_file(clean, paths[0])
    after = _claims_per_article(library)
    assert len(after) == COUNT
    per_copy = after[expected.article_id]
    assert per_copy > 0 and set(after.values()) == {per_copy}
    conn = sqlite3.connect(library)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
