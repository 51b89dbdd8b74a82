"""Export the ledger: BibTeX, BibLaTeX, RIS, CSL-JSON (bibliography entries) or CSV (tidy tables)."""

from __future__ import annotations

from refs import bibtex, csljson, entries, ris, tables
from refs.errors import InputError
from refs.ledger import Ledger

FORMATS = ("bibtex", "biblatex", "csv", "ris", "csl-json")
_ENTRY_TABLES = ("sources", "works")


def export(ledger: Ledger, fmt: str, *, table: str = "sources", article: str | None = None) -> str:
    """The export as text."""
    if fmt == "csv":
        return tables.to_csv(tables.frame(ledger, table, article))
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if table not in _ENTRY_TABLES:
        raise InputError(f"--table {table} goes with --format csv; {fmt} exports the cited works")
    found = entries.collect(ledger, article)
    if fmt == "ris":
        return ris.dumps(found)
    if fmt == "csl-json":
        return csljson.dumps(found)
    return bibtex.dumps(found, biblatex=fmt == "biblatex")
