"""The store: the only place refs speaks SQL.

In: model objects (``Article``, ``RefEntry``, ``Work``, ``Claim``, ``Link``) and raw
Crossref answers. Out: the same objects read back, listings, and pandas frames.
One module per aggregate: ``articles``, ``sources`` (with their structured
authors), ``works``, ``claims``, ``cache``; ``ledger`` owns the connection and
the numbered migrations, ``frames`` the DataFrames. It imports no pipeline stage.
"""
