"""A page with no reference list that cites by author and year: its sources are the works its citations
name, its claims link to them, and resolution says why they stay unmatched."""

from __future__ import annotations

from pathlib import Path

from refs import pipeline
from refs.crossref import resolve
from refs.ingest import article as article_stage
from refs.store.ledger import Ledger


def test_a_page_with_no_list_has_the_works_its_author_year_citations_name(tmp_path: Path) -> None:
    # Written for the test: a draft citing by author and year, with no reference list.
    path = tmp_path / "inline.txt"
    path.write_text("Sleep and memory\n\nSleep loss cuts recall by 20% (Walker et al., 2017). Naps restore "
                    "attention (Mednick and Drummond, 2008; Lovato 2010).\nSmith and Lee (2015) found that 64% "
                    "of teens sleep too little.\n", encoding="utf-8")
    article = article_stage.read(path)
    assert [(e.position, [a.family for a in e.authors], e.et_al, e.year) for e in article.entries] == [
        (1, ["Walker"], True, 2017), (2, ["Mednick", "Drummond"], False, 2008), (3, ["Lovato"], False, 2010),
        (4, ["Smith", "Lee"], False, 2015)]
    assert all(e.methods == {"authors": "in-text-citation", "year": "in-text-citation"} for e in article.entries)
    assert any("no reference list" in note for note in article.notes)
    with Ledger(tmp_path / "l.sqlite") as ledger:
        pipeline.ingest_file(ledger, path)
        linked = ledger.conn.execute(
            "SELECT c.position, s.position FROM claim_sources l JOIN claims c ON c.id = l.claim_id "
            "JOIN sources s ON s.id = l.source_id ORDER BY 1, 2").fetchall()
        assert [tuple(row) for row in linked] == [(1, 1), (2, 2), (2, 3), (3, 4)]
        resolve.resolve(ledger, None, offline=True)
        reasons = {row[0] for row in ledger.conn.execute("SELECT status || ': ' || status_reason FROM sources")}
        assert reasons == {"unmatched: known only from an in-text citation (its authors and year): too little "
                           "to find its record by"}
