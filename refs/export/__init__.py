"""Stage 5, export: the ledger out, in the formats other tools read.

In: the ledger. Out: text: BibTeX, BibLaTeX, RIS, CSL-JSON (one entry per cited
work, from ``entries.collect``: its CSL item, mapped once by ``csl``, and what
the ledger adds) or CSV (a tidy table). Every format is written by its own
module from the CSL item; ``export`` picks one (and imports only that one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from refs.errors import InputError

if TYPE_CHECKING:
    from refs.store.ledger import Ledger

FORMATS = ("bibtex", "biblatex", "csv", "ris", "csl-json")
TABLES = ("sources", "works", "claims", "links")  # what --format csv can export
_ENTRY_TABLES = ("sources", "works")


def export(ledger: Ledger, fmt: str, *, table: str = "sources", article: str | None = None,
           annotate: bool = False) -> str:
    """The export as text; ``annotate`` adds how many ledger claims rest on each work (annote, N1, note)."""
    if fmt == "csv":
        from refs.export import csv as csv_format
        from refs.store import frames

        return csv_format.to_csv(frames.export_table(ledger, table, article))
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if table not in _ENTRY_TABLES:
        raise InputError(f"--table {table} goes with --format csv; {fmt} exports the cited works")
    from refs.export import bibtex, csljson, entries, ris

    found = entries.collect(ledger, article, annotate)
    if fmt == "ris":
        return ris.dumps(found)
    if fmt == "csl-json":
        return csljson.dumps(found)
    return bibtex.dumps(found, biblatex=fmt == "biblatex")
