-- The ledger as refs first wrote it (schema version 1).
CREATE TABLE articles (
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

CREATE TABLE works (
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

CREATE TABLE work_updates (
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
CREATE TABLE crossref_cache (
    key         TEXT PRIMARY KEY,
    status      TEXT NOT NULL CHECK (status IN ('found', 'not_found')),
    body        TEXT,
    fetched_at  TEXT NOT NULL
);

CREATE TABLE authors (
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

CREATE TABLE sources (
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

CREATE INDEX sources_work ON sources(work_id);
CREATE INDEX sources_doi ON sources(doi);

CREATE TABLE claims (
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

CREATE TABLE claim_figures (
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
CREATE INDEX claim_figures_value ON claim_figures(value);
CREATE INDEX claim_figures_value_high ON claim_figures(value_high);
CREATE INDEX claim_figures_claim ON claim_figures(claim_id);

CREATE TABLE claim_sources (
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
CREATE INDEX claim_sources_source ON claim_sources(source_id);

-- Full-text index of claim sentences (Porter stemming: "antidepressants" finds "antidepressant").
CREATE VIRTUAL TABLE claims_fts USING fts5(
    text, content='claims', content_rowid='id', tokenize='porter unicode61'
);
-- How many claims hold each indexed term: lets a query start from its rarest words.
CREATE VIRTUAL TABLE claims_vocab USING fts5vocab(claims_fts, 'row');
CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
