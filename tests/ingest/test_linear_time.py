"""No input makes refs hang: hostile lines go through ingest and claims in a bounded time, in a subprocess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import adversarial
from tests.support.paths import ROOT

# Generous: the whole file (about 500 KB of hostile text, read as text, Markdown and HTML) takes
# a few seconds; a pattern that backtracks takes minutes or hours on one of its lines.
BOUND_SECONDS = 120


@pytest.mark.parametrize(("suffix", "listed"), [(".txt", True), (".md", True), (".html", True), (".txt", False)])
def test_hostile_lines_are_ingested_in_bounded_time(tmp_path: Path, suffix: str, listed: bool) -> None:
    text = adversarial.article(listed=listed)
    if suffix == ".html":
        text = "<html><body>" + "".join(f"<p>{line}</p>" for line in text.split("\n")) + "</body></html>"
    page = tmp_path / f"hostile{suffix}"
    page.write_text(text, encoding="utf-8")
    command = [sys.executable, "-c", "from cli.main import main; main()", "--library", str(tmp_path / "l.sqlite"),
               "ingest", str(page)]
    try:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=BOUND_SECONDS,
                              env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT),
                                   "REFS_CROSSREF_URL": "http://127.0.0.1:9"})
    except subprocess.TimeoutExpired:
        pytest.fail(f"ingest of hostile {suffix} input did not finish within {BOUND_SECONDS} s")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "added" in done.stdout


def test_the_real_reference_that_once_hung_parses_right() -> None:
    from refs.ingest import parse

    entry = parse.parse(adversarial.REAL_REFERENCE)
    assert entry.year == 2005 and entry.et_al
    assert [a.family for a in entry.authors][:2] == ["Cerdeno-Tarraga", "Patrick"]
