-- What each work's citation key was made from: its Crossref record (fixed from then on: a later
-- difference is reported, never applied), its reference text (made again, once, when the record is
-- found), or nothing yet (NULL: the key is given at the end of the run, in DOI order).
ALTER TABLE works ADD COLUMN key_source TEXT CHECK (key_source IN ('reference-text', 'crossref'));
-- Keys of an existing ledger may already be cited in documents: each keeps the source it had.
UPDATE works SET key_source = metadata_source;
-- The works whose key is still to be made: found without reading the whole table.
CREATE INDEX works_key_pending ON works(id)
    WHERE key_source IS NULL OR (key_source = 'reference-text' AND metadata_source = 'crossref');
