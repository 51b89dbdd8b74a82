"""The ledger: a SQLite file with explicit DDL; every write is one transaction."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Self

import platformdirs

from refs.errors import LedgerError

SCHEMA_VERSION = 1
ENV_LIBRARY = "REFS_LIBRARY"

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id            TEXT PRIMARY KEY,
    path          TEXT NOT NULL UNIQUE,
    title         TEXT NOT NULL,
    title_source  TEXT NOT NULL CHECK (title_source IN ('html-title', 'markdown-heading', 'first-line', 'file-name')),
    format        TEXT NOT NULL CHECK (format IN ('text', 'markdown', 'html')),
    sha256        TEXT NOT NULL,
    size_bytes    INTEGER NOT NULL CHECK (size_bytes >= 0),
    n_sources     INTEGER NOT NULL CHECK (n_sources >= 0),
    references_line INTEGER,
    body          TEXT NOT NULL,
    ingested_at   TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS works (
    id               INTEGER PRIMARY KEY,
    work_key         TEXT NOT NULL UNIQUE,
    citation_key     TEXT NOT NULL UNIQUE,
    doi              TEXT UNIQUE,
    kind             TEXT NOT NULL,
    title            TEXT,
    container        TEXT,
    year             INTEGER,
    volume           TEXT,
    issue            TEXT,
    pages            TEXT,
    url              TEXT,
    pmid             TEXT,
    pmcid            TEXT,
    metadata_source  TEXT NOT NULL CHECK (metadata_source IN ('reference-text', 'crossref')),
    type             TEXT,
    title_raw        TEXT,
    subtitle         TEXT,
    short_container  TEXT,
    issued           TEXT,
    print_year       INTEGER,
    article_number   TEXT,
    issn             TEXT,
    isbn             TEXT,
    publisher        TEXT,
    cited_by_count   INTEGER,
    abstract         TEXT,
    abstract_raw     TEXT,
    update_status    TEXT CHECK (update_status IN ('retracted', 'withdrawn', 'expression_of_concern', 'corrected')),
    record_fetched_at TEXT
);

CREATE TABLE IF NOT EXISTS work_updates (
    work_id      INTEGER NOT NULL REFERENCES works(id) ON DELETE CASCADE,
    relation     TEXT NOT NULL CHECK (relation IN ('updated-by', 'update-to', 'relation')),
    update_type  TEXT NOT NULL,
    notice_doi   TEXT,
    label        TEXT,
    source       TEXT,
    date         TEXT,
    UNIQUE (work_id, relation, update_type, notice_doi)
);

-- Raw Crossref answers, so nothing is fetched twice: a work record by DOI,
-- a 404 for a DOI, or the candidates of a bibliographic search.
CREATE TABLE IF NOT EXISTS crossref_cache (
    key         TEXT PRIMARY KEY,
    status      TEXT NOT NULL CHECK (status IN ('found', 'not_found')),
    body        TEXT,
    fetched_at  TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS authors (
    work_id   INTEGER NOT NULL REFERENCES works(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL CHECK (position >= 1),
    family    TEXT,
    given     TEXT,
    name      TEXT,
    orcid     TEXT,
    source    TEXT NOT NULL,
    PRIMARY KEY (work_id, position),
    CHECK (family IS NOT NULL OR name IS NOT NULL)
);

CREATE TABLE IF NOT EXISTS sources (
    id             INTEGER PRIMARY KEY,
    article_id     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position       INTEGER NOT NULL CHECK (position >= 1),
    number         INTEGER,
    raw            TEXT NOT NULL,
    style          TEXT NOT NULL,
    kind           TEXT NOT NULL,
    authors        TEXT,
    n_authors      INTEGER NOT NULL,
    et_al          INTEGER NOT NULL CHECK (et_al IN (0, 1)),
    year           INTEGER,
    title          TEXT,
    container      TEXT,
    volume         TEXT,
    issue          TEXT,
    pages          TEXT,
    doi            TEXT,
    url            TEXT,
    pmid           TEXT,
    pmcid          TEXT,
    field_methods  TEXT NOT NULL,
    work_id        INTEGER NOT NULL REFERENCES works(id),
    status         TEXT NOT NULL DEFAULT 'pending' CHECK (status IN (
                       'pending', 'resolved', 'matched', 'not_found', 'could_not_check', 'unmatched',
                       'not_applicable')),
    status_reason  TEXT,
    match_score    REAL,
    evidence       TEXT,
    agreement      TEXT CHECK (agreement IN ('agrees', 'disagrees')),
    disagreements  TEXT,
    checked_at     TEXT,
    UNIQUE (article_id, position)
);

CREATE INDEX IF NOT EXISTS sources_work ON sources(work_id);
CREATE INDEX IF NOT EXISTS sources_doi ON sources(doi);

CREATE TABLE IF NOT EXISTS claims (
    id          INTEGER PRIMARY KEY,
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL CHECK (position >= 1),
    paragraph   INTEGER NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset  INTEGER NOT NULL,
    text        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('figure', 'finding', 'attribution')),
    person      TEXT,
    sourced     INTEGER NOT NULL CHECK (sourced IN (0, 1)),
    UNIQUE (article_id, position)
);

CREATE TABLE IF NOT EXISTS claim_figures (
    id           INTEGER PRIMARY KEY,
    claim_id     INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL CHECK (position >= 1),
    text         TEXT NOT NULL,
    kind         TEXT NOT NULL,
    value        REAL NOT NULL,
    value_high   REAL,
    unit         TEXT,
    approximate  INTEGER NOT NULL CHECK (approximate IN (0, 1)),
    UNIQUE (claim_id, position)
);
CREATE INDEX IF NOT EXISTS claim_figures_value ON claim_figures(value);
CREATE INDEX IF NOT EXISTS claim_figures_value_high ON claim_figures(value_high);
CREATE INDEX IF NOT EXISTS claim_figures_claim ON claim_figures(claim_id);

CREATE TABLE IF NOT EXISTS claim_sources (
    claim_id             INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    source_id            INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    method               TEXT NOT NULL CHECK (method IN ('marker', 'described-study', 'order', 'continuation')),
    confidence           REAL NOT NULL CHECK (confidence > 0 AND confidence <= 1),
    evidence             TEXT NOT NULL,
    verification         TEXT CHECK (verification IN (
                             'verified', 'approximate', 'contradicted', 'not_in_abstract', 'no_abstract')),
    verification_detail  TEXT,
    PRIMARY KEY (claim_id, source_id)
);
CREATE INDEX IF NOT EXISTS claim_sources_source ON claim_sources(source_id);

-- Full-text index of claim sentences (Porter stemming: "antidepressants" finds "antidepressant").
CREATE VIRTUAL TABLE IF NOT EXISTS claims_fts USING fts5(
    text, content='claims', content_rowid='id', tokenize='porter unicode61'
);
-- How many claims hold each indexed term: lets a query start from its rarest words.
CREATE VIRTUAL TABLE IF NOT EXISTS claims_vocab USING fts5vocab(claims_fts, 'row');
CREATE TRIGGER IF NOT EXISTS claims_fts_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER IF NOT EXISTS claims_fts_delete AFTER DELETE ON claims BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
"""


def default_library() -> Path:
    """``$REFS_LIBRARY`` if set, else ``ledger.sqlite`` in the user's data directory."""
    env = os.environ.get(ENV_LIBRARY)
    if env:
        return Path(env).expanduser()
    return platformdirs.user_data_path("refs") / "ledger.sqlite"


class Ledger:
    """An open ledger file."""

    def __init__(self, path: Path, *, create: bool = True) -> None:
        self.path = path
        if path.is_dir():
            raise LedgerError(f"{path}: is a directory, not a ledger file")
        if not create and not path.exists():
            raise LedgerError(f"{path}: no ledger here yet (run 'refs ingest' or 'refs build' first)")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(path, isolation_level=None)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as error:
            raise LedgerError(f"{path}: not a refs ledger ({error})") from None
        except OSError as error:
            raise LedgerError(f"{path}: cannot open ledger ({error.strerror})") from None

    def _migrate(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise LedgerError(f"{self.path}: written by a newer refs (schema {version})")
        if version < SCHEMA_VERSION:
            # Every statement is IF NOT EXISTS: a creation cut short is completed by the next open.
            self.conn.executescript(SCHEMA)
            self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it lands, or none of it."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
