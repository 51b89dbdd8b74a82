"""Text utilities every stage shares: DOIs, folding, page-furniture patterns, topic terms, sentences.

In: plain strings. Out: normalised strings, spans and term sets. Knows nothing
of files, the ledger or Crossref.
"""
