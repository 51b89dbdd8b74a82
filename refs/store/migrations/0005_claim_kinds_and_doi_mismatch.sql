-- A DOI whose record is another paper than its reference describes gets its own status, doi_mismatch,
-- and claims say what they state (effect, association, definition; a quotation is a quote) and why
-- they are claims. SQLite cannot change a CHECK constraint in place: both tables are copied into new
-- ones (the documented procedure; the migration runs with foreign keys off and checks them before
-- committing).
CREATE TABLE sources_new (
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
                       'not_applicable', 'doi_mismatch')),
    status_reason  TEXT,
    match_score    REAL,
    evidence       TEXT,
    agreement      TEXT CHECK (agreement IN ('agrees', 'disagrees')),
    disagreements  TEXT,
    checked_at     TEXT,
    UNIQUE (article_id, position)
);
INSERT INTO sources_new SELECT * FROM sources;
UPDATE sources_new SET status = 'doi_mismatch' WHERE status = 'resolved' AND agreement = 'disagrees';
DROP TABLE sources;
ALTER TABLE sources_new RENAME TO sources;
CREATE INDEX sources_work ON sources(work_id);
CREATE INDEX sources_doi ON sources(doi);

CREATE TABLE claims_new (
    id          INTEGER PRIMARY KEY,
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL CHECK (position >= 1),
    paragraph   INTEGER NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset  INTEGER NOT NULL,
    text        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN (
                    'figure', 'finding', 'effect', 'association', 'definition', 'quote')),
    person      TEXT,
    sourced     INTEGER NOT NULL CHECK (sourced IN (0, 1)),
    reason      TEXT,
    UNIQUE (article_id, position)
);
INSERT INTO claims_new (id, article_id, position, paragraph, start_offset, end_offset, text, kind, person, sourced)
    SELECT id, article_id, position, paragraph, start_offset, end_offset, text,
           CASE kind WHEN 'attribution' THEN 'quote' ELSE kind END, person, sourced FROM claims;
DROP TABLE claims;
ALTER TABLE claims_new RENAME TO claims;
CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
-- Claims are made again from each article's text by the rules of this version at the next run.
INSERT INTO pending_backfills (name) SELECT 'claims' WHERE EXISTS (SELECT 1 FROM claims);
