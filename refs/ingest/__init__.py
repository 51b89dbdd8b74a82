"""Stage 1, ingest: article files in, ``Article`` objects out.

In: a path (plain text, Markdown or HTML). Out: an ``Article`` with its plain
text, title, links and reference list, every entry parsed into a ``RefEntry``
whose fields say how each was obtained. Nothing here touches the ledger.
"""
