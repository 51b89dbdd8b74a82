"""Stage 5, export: the ledger out, in the formats other tools read.

In: the ledger. Out: BibTeX, BibLaTeX, RIS, CSL-JSON (one entry per cited
work, from ``entries.collect``: its CSL item, mapped once by ``csl``, and what
the ledger adds), or a tidy table as CSV, JSON Lines or Parquet (bytes). Every
format is written by its own module; ``export`` picks one (and imports only
that one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from refs.errors import InputError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from refs.export.entries import Entry
    from refs.store.ledger import Ledger

ENTRY_FORMATS = ("bibtex", "biblatex", "ris", "csl-json")
TABLE_FORMATS = ("csv", "jsonl", "parquet")
FORMATS = ENTRY_FORMATS + TABLE_FORMATS
BINARY_FORMATS = ("parquet",)
TABLES = ("sources", "works", "claims", "links")  # what the table formats can export
_ENTRY_TABLES = ("sources", "works")


def export(ledger: Ledger, fmt: str, *, table: str = "sources", article: str | None = None,
           annotate: bool = False, excel: bool = False) -> str | bytes:
    """The export (bytes for Parquet); ``annotate`` adds how many ledger claims rest on each work (annote,
    N1, CSL annote); ``excel`` starts a CSV with the byte-order mark Excel needs to read it as UTF-8."""
    if fmt in TABLE_FORMATS:
        from refs.export import tables
        from refs.store import frames

        return tables.write(frames.export_table(ledger, table, article), fmt, excel=excel)
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if table not in _ENTRY_TABLES:
        raise InputError(f"--table {table} goes with a table format ({', '.join(TABLE_FORMATS)}); "
                         f"{fmt} exports the cited works")
    from refs.export import entries

    return dumps(entries.collect(ledger, article, annotate), fmt)


def cite(ledger: Ledger, keys: list[str], fmt: str, annotate: bool = False) -> str:
    """The entries for the given citation keys, in the order given (for pasting into a draft)."""
    if fmt not in ENTRY_FORMATS:
        raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(ENTRY_FORMATS)}")
    from refs.export import entries

    return dumps(entries.collect(ledger, annotate=annotate, keys=keys), fmt)


def dumps(found: Iterable[Entry], fmt: str) -> str:
    """Entries in one of the bibliography formats."""
    from refs.export import bibtex, csljson, ris

    if fmt == "ris":
        return ris.dumps(found)
    if fmt == "csl-json":
        return csljson.dumps(found)
    return bibtex.dumps(found, biblatex=fmt == "biblatex")
