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
