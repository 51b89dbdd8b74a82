"""The ledger: ingesting, replacing, sharing works, atomic writes, DataFrames."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from refs import pipeline
from refs.errors import LedgerError
from refs.store import frames as dataset
from refs.store import works
from refs.store.ledger import Ledger
from tests.support.paths import FIXTURES, SEED_001

ARTICLES = FIXTURES / "articles"


def _count(ledger: Ledger, table: str) -> int:
    return int(ledger.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def test_ingest_stores_article_sources_works_authors(library: Path) -> None:
    with Ledger(library) as ledger:
        result = pipeline.ingest_file(ledger, SEED_001)
        assert (result.status, result.n_sources, result.n_dois) == ("added", 12, 8)
        assert _count(ledger, "sources") == 12
        assert _count(ledger, "works") == 12
        cartwright = ledger.conn.execute(
            "SELECT w.id, w.title FROM works w WHERE w.doi = '10.2147/ppa.s110632'"
        ).fetchone()
        authors = ledger.conn.execute(
            "SELECT family, given FROM authors WHERE work_id = ? ORDER BY position", (cartwright["id"],)
        ).fetchall()
        names = [tuple(a) for a in authors]
        assert (names[0], names[-1], len(names)) == (("Cartwright", "C"), ("Dehar", "T"), 5)


def test_reingesting_unchanged_file_changes_nothing(library: Path) -> None:
    with Ledger(library) as ledger:
        pipeline.ingest_file(ledger, SEED_001)
        before = ledger.conn.execute("SELECT * FROM sources ORDER BY id").fetchall()
        stamp = ledger.conn.execute("SELECT ingested_at FROM articles").fetchone()[0]
        again = pipeline.ingest_file(ledger, SEED_001)
        assert again.status == "unchanged"
        assert [tuple(r) for r in ledger.conn.execute("SELECT * FROM sources ORDER BY id")] == [
            tuple(r) for r in before
        ]
        assert ledger.conn.execute("SELECT ingested_at FROM articles").fetchone()[0] == stamp


def _draft_with_warnings(tmp_path: Path) -> Path:
    path = tmp_path / "draft.txt"
    entries = "\n".join(f"{n}. Author{chr(64 + n)} A. Title {n}. J Test. 2015;{n}:1-2." for n in (1, 2))
    path.write_text(f"Sleep\n\nAdults need sleep [1]. Teens need more [4].\n\nReferences\n{entries}\n",
                    encoding="utf-8")
    return path


def test_a_run_over_unchanged_articles_parses_nothing_and_warns_as_the_first(
        library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from refs.ingest import article as article_stage
    from refs.ingest import reader

    draft = _draft_with_warnings(tmp_path)
    twin = tmp_path / "copy" / "draft.txt"
    twin.parent.mkdir()
    shutil.copy(draft, twin)
    with Ledger(library) as ledger:
        [first] = pipeline.run(ledger, pipeline.read([draft])).articles
        assert first.warnings == [f"{draft}: cited but not in the reference list of 2: [4]",
                                  f"{draft}: listed but never cited: [2]"]

        def refuse(*args: object) -> None:
            raise AssertionError("an unchanged article was parsed again")

        monkeypatch.setattr(article_stage, "prepare", refuse)
        with monkeypatch.context() as inner:  # not even rendered as text: its hash and path say it all
            inner.setattr(reader.Loaded, "render", refuse)
            [alone] = pipeline.run(ledger, pipeline.read([draft])).articles
        assert (alone.status, alone.warnings) == ("unchanged", first.warnings)
        again, copy = pipeline.run(ledger, pipeline.read([draft, twin])).articles
        assert (again.status, again.warnings, again.n_sources) == ("unchanged", first.warnings, 2)
        assert copy.status == "duplicate"
        assert copy.warnings[:2] == [w.replace(str(draft), str(twin)) for w in first.warnings]


def test_an_article_stored_before_its_warnings_were_kept_is_read_once_more(library: Path, tmp_path: Path) -> None:
    draft = _draft_with_warnings(tmp_path)
    with Ledger(library) as ledger:
        [first] = pipeline.run(ledger, pipeline.read([draft])).articles
        with ledger.transaction():
            ledger.conn.execute("UPDATE articles SET reading_notes = NULL")
        [again] = pipeline.run(ledger, pipeline.read([draft])).articles
        assert (again.status, again.warnings) == ("unchanged", first.warnings)
        stored = ledger.conn.execute("SELECT reading_notes FROM articles").fetchone()[0]
        assert stored.split("\n") == [w.removeprefix(f"{draft}: ") for w in first.warnings]


def test_claims_are_found_again_only_where_what_they_rest_on_changed(
        library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from refs.claims import stage

    seeds = sorted(SEED_001.parent.iterdir())
    with Ledger(library) as ledger:
        pipeline.run(ledger, pipeline.read(seeds))
        found = stage.rebuild(ledger)  # every article, found again
        analysed: list[str] = []
        real = stage.analyse

        def counted(text: str, *args: object) -> object:
            analysed.append(text[:30])
            return real(text, *args)  # type: ignore[arg-type]

        monkeypatch.setattr(stage, "analyse", counted)
        kept = pipeline.claims(ledger)
        assert analysed == [] and kept == found and kept.articles == 5
        # A Crossref abstract arrives for the seed's ninth source (text written for this test).
        with ledger.transaction():
            ledger.conn.execute("UPDATE works SET abstract = 'Of the 180 users, 89.4% reported that antidepressants"
                                " improved their depression; 64.5% reported feeling emotionally numb.'"
                                " WHERE doi = '10.2147/ppa.s110632'")
        again = pipeline.claims(ledger)
        assert analysed == [SEED_001.read_text(encoding="utf-8")[:30]]
        assert again.verified == found.verified + 1 and again.claims == found.claims


def test_changed_file_replaces_its_previous_version(library: Path, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    shutil.copy(SEED_001, article)
    with Ledger(library) as ledger:
        first = pipeline.ingest_file(ledger, article)
        # Keep only the first five lines of the list printed one per line.
        text = SEED_001.read_text(encoding="utf-8")
        head = text.split("12 Sources")[0] + "References\n" + "\n".join(
            text.split("\n")[70:75]
        )
        article.write_text(head, encoding="utf-8")
        second = pipeline.ingest_file(ledger, article)
        assert second.status == "replaced" and second.article_id == first.article_id
        assert _count(ledger, "articles") == 1
        assert _count(ledger, "sources") == second.n_sources == 5
        # Works no longer cited by anything are gone with the old rows.
        assert _count(ledger, "works") == 5


def test_articles_citing_the_same_doi_share_a_work(library: Path) -> None:
    with Ledger(library) as ledger:
        pipeline.ingest_file(ledger, SEED_001)
        pipeline.ingest_file(ledger, ARTICLES / "works_cited.html")
        rows = ledger.conn.execute(
            "SELECT COUNT(*), COUNT(DISTINCT work_id) FROM sources WHERE doi = '10.2147/ppa.s110632'"
        ).fetchone()
        assert tuple(rows) == (2, 1)
        # The organisation web source printed in both articles is one work too.
        nami = ledger.conn.execute(
            "SELECT COUNT(DISTINCT work_id) FROM sources WHERE title = 'Dissociative disorders'"
        ).fetchone()[0]
        assert nami == 1


def test_same_file_name_in_two_folders_gets_two_ids(library: Path, tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(SEED_001, tmp_path / "a" / "page.txt")
    (tmp_path / "b" / "page.txt").write_text("Another page.\n", encoding="utf-8")
    with Ledger(library) as ledger:
        first = pipeline.ingest_file(ledger, tmp_path / "a" / "page.txt")
        second = pipeline.ingest_file(ledger, tmp_path / "b" / "page.txt")
        assert first.article_id == "page" and second.article_id.startswith("page-")


def test_a_failed_write_leaves_the_ledger_as_it_was(library: Path, monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    shutil.copy(SEED_001, article)
    with Ledger(library) as ledger:
        pipeline.ingest_file(ledger, article)
        article.write_text(article.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
        calls = {"n": 0}
        real = works.upsert_from_entry

        def failing(conn: sqlite3.Connection, cit: object) -> int:
            calls["n"] += 1
            if calls["n"] == 6:
                raise RuntimeError("disk gone")
            return real(conn, cit)  # type: ignore[arg-type]

        monkeypatch.setattr(works, "upsert_from_entry", failing)
        with pytest.raises(RuntimeError):
            pipeline.ingest_file(ledger, article)
        assert _count(ledger, "sources") == 12
        assert _count(ledger, "works") == 12
        monkeypatch.setattr(works, "upsert_from_entry", real)
        assert pipeline.ingest_file(ledger, article).status == "replaced"


def test_schema_enforces_keys(library: Path) -> None:
    with Ledger(library) as ledger:
        pipeline.ingest_file(ledger, SEED_001)
        with pytest.raises(sqlite3.IntegrityError):
            ledger.conn.execute("INSERT INTO sources (article_id, position, raw, style, kind, n_authors, et_al,"
                                " field_methods, work_id) VALUES ('nope', 1, 'x', 'web', 'web', 0, 0, '{}', 1)")
        with pytest.raises(sqlite3.IntegrityError):
            ledger.conn.execute("INSERT INTO works (work_key, kind, metadata_source) "
                                "SELECT work_key, kind, metadata_source FROM works LIMIT 1")


def test_dataframes_have_stable_dtypes_and_keep_na_strings(library: Path) -> None:
    with Ledger(library) as ledger:
        pipeline.ingest_file(ledger, SEED_001)
        work_id = ledger.conn.execute("SELECT id FROM works WHERE doi IS NOT NULL LIMIT 1").fetchone()[0]
        with ledger.transaction():
            ledger.conn.execute("UPDATE authors SET family = 'NA', given = 'N/A' WHERE work_id = ? AND position = 1",
                                (work_id,))
        frames = dataset.tables(ledger)
        authors = frames["authors"]
        assert authors.loc[(authors.work_id == work_id) & (authors.position == 1), "family"].iloc[0] == "NA"
        assert str(authors["family"].dtype) == "string"
        sources = frames["sources"]
        assert str(sources["year"].dtype) == "Int64" and str(sources["doi"].dtype) == "string"
        assert pd.isna(sources.loc[0, "year"]) and sources.loc[8, "year"] == 2016
        assert list(frames) == ["articles", "sources", "source_authors", "works", "authors", "work_updates",
                                "claims", "claim_figures", "claim_sources"]
        assert str(sources["et_al"].dtype) == "boolean" and "body" not in frames["articles"]
        # Empty tables keep their dtypes too.
    with Ledger(library.with_name("empty.sqlite")) as empty:
        frame = dataset.table(empty, "sources")
        assert frame.empty and str(frame["year"].dtype) == "Int64"


def test_not_a_ledger_is_a_clear_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(LedgerError, match="not a refs ledger"):
        Ledger(junk)
    with pytest.raises(LedgerError, match="no ledger here yet"):
        Ledger(tmp_path / "none.sqlite", create=False)
