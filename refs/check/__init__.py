"""Stage 4, check: a draft in, a verdict per claim and per reference out.

In: a draft file, the library ledger (or none) and a way to reach Crossref.
Out: a ``Report``: the draft's claims and references, each with a status, a
reason and its evidence; ``report`` renders it as text, JSON or HTML (no
terminal codes: colour belongs to the CLI).
"""
