-- What reading an article found (dangling citations, markers past the list, entries nothing cites),
-- one message a line, so a run over an unchanged article reports it again without parsing the article
-- again. NULL for an article stored before: the next run that meets it unchanged parses it once more.
ALTER TABLE articles ADD COLUMN reading_notes TEXT;

-- Every stored article asks whether the ledger holds its content already (a duplicate, a moved file):
-- without an index that question read every article, a cost that grew with the ledger.
CREATE INDEX articles_sha256 ON articles(sha256);

-- A digest of what an article's claims were found from (the code that finds them, the article's text,
-- what linking reads of its sources and their works): claims whose inputs did not change are not found
-- again. NULL: found again at the next claims run.
ALTER TABLE articles ADD COLUMN claims_digest TEXT;
