"""Stage 3, claims: an article's text and its sources in, claims with links out.

In: an article body, where its reference list starts, and ``SourceInfo`` for
each entry (with the work's abstract once resolved). Out: ``Claim`` objects
(sentences stating figures, findings, quotes) and ``Link`` objects saying which
source backs each claim, how the link was made, how sure it is, and what the
abstract says of its figures. ``stage`` runs it over stored articles;
``lookup`` finds stored claims.
"""
