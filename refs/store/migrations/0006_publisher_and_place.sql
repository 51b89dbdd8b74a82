-- Who published a book or thesis and where, read from its reference ("New York: Academic Press"),
-- kept apart from the container a journal article appears in.
ALTER TABLE sources ADD COLUMN publisher TEXT;
ALTER TABLE sources ADD COLUMN place TEXT;
ALTER TABLE works ADD COLUMN publisher_place TEXT;
