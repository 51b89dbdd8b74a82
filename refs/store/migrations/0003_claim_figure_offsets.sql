-- Where each figure sits in its claim sentence, so checks need not parse the sentence again.
ALTER TABLE claim_figures ADD COLUMN start_offset INTEGER;
ALTER TABLE claim_figures ADD COLUMN end_offset INTEGER;
