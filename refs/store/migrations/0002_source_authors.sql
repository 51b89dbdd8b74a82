-- Structured authors per reference entry, stored once at ingest and read by every later stage.
CREATE TABLE source_authors (
    source_id  INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL CHECK (position >= 1),
    family     TEXT,
    given      TEXT,
    name       TEXT,
    PRIMARY KEY (source_id, position),
    CHECK (family IS NOT NULL OR name IS NOT NULL)
);

-- Entries stored before this migration get their authors parsed once, by the next stage that runs;
-- this row says that is still to do (and costs nothing to look up when it is not).
CREATE TABLE pending_backfills (name TEXT PRIMARY KEY);
INSERT INTO pending_backfills (name) SELECT 'source_authors' WHERE EXISTS (SELECT 1 FROM sources);
