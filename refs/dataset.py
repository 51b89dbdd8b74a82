"""The ledger's tables as pandas DataFrames with stable dtypes.

Text columns are pandas' nullable ``string`` dtype (a family name "NA" stays
the string "NA"), counts and years are nullable ``Int64``.
"""

from __future__ import annotations

import pandas as pd

from refs.ledger import Ledger

_STRING = "string"
_INT = "Int64"
_FLOAT = "Float64"

COLUMNS: dict[str, dict[str, str]] = {
    "articles": {
        "id": _STRING, "path": _STRING, "title": _STRING, "title_source": _STRING, "format": _STRING,
        "sha256": _STRING, "size_bytes": _INT, "n_sources": _INT, "references_line": _INT, "ingested_at": _STRING,
    },
    "sources": {
        "id": _INT, "article_id": _STRING, "position": _INT, "number": _INT, "raw": _STRING,
        "style": _STRING, "kind": _STRING, "authors": _STRING, "n_authors": _INT, "et_al": "boolean",
        "year": _INT, "title": _STRING, "container": _STRING, "volume": _STRING, "issue": _STRING,
        "pages": _STRING, "doi": _STRING, "url": _STRING, "pmid": _STRING, "pmcid": _STRING,
        "field_methods": _STRING, "work_id": _INT, "status": _STRING, "status_reason": _STRING,
        "match_score": _FLOAT, "evidence": _STRING, "agreement": _STRING, "disagreements": _STRING,
        "checked_at": _STRING,
    },
    "works": {
        "id": _INT, "work_key": _STRING, "citation_key": _STRING, "doi": _STRING, "kind": _STRING, "title": _STRING,
        "container": _STRING, "year": _INT, "volume": _STRING, "issue": _STRING, "pages": _STRING,
        "url": _STRING, "pmid": _STRING, "pmcid": _STRING, "metadata_source": _STRING, "type": _STRING,
        "title_raw": _STRING, "subtitle": _STRING, "short_container": _STRING, "issued": _STRING,
        "print_year": _INT, "article_number": _STRING, "issn": _STRING, "isbn": _STRING, "publisher": _STRING,
        "cited_by_count": _INT, "abstract": _STRING, "abstract_raw": _STRING, "update_status": _STRING,
        "record_fetched_at": _STRING,
    },
    "authors": {
        "work_id": _INT, "position": _INT, "family": _STRING, "given": _STRING, "name": _STRING,
        "orcid": _STRING, "source": _STRING,
    },
    "work_updates": {
        "work_id": _INT, "relation": _STRING, "update_type": _STRING, "notice_doi": _STRING, "label": _STRING,
        "source": _STRING, "date": _STRING,
    },
    "claims": {
        "id": _INT, "article_id": _STRING, "position": _INT, "paragraph": _INT, "start_offset": _INT,
        "end_offset": _INT, "text": _STRING, "kind": _STRING, "person": _STRING, "sourced": "boolean",
    },
    "claim_figures": {
        "id": _INT, "claim_id": _INT, "position": _INT, "text": _STRING, "kind": _STRING, "value": _FLOAT,
        "value_high": _FLOAT, "unit": _STRING, "approximate": "boolean",
    },
    "claim_sources": {
        "claim_id": _INT, "source_id": _INT, "method": _STRING, "confidence": _FLOAT, "evidence": _STRING,
        "verification": _STRING, "verification_detail": _STRING,
    },
}

_ORDER = {
    "articles": "id",
    "sources": "article_id, position",
    "works": "id",
    "authors": "work_id, position",
    "work_updates": "work_id, relation, date, notice_doi",
    "claims": "article_id, position",
    "claim_figures": "claim_id, position",
    "claim_sources": "claim_id, confidence DESC, source_id",
}


def table(ledger: Ledger, name: str, where: str = "", params: tuple[object, ...] = ()) -> pd.DataFrame:
    """One ledger table as a DataFrame (``where`` is an optional SQL filter)."""
    if name not in COLUMNS:
        raise KeyError(f"unknown table {name!r}; tables: {', '.join(COLUMNS)}")
    columns = COLUMNS[name]
    sql = f"SELECT {', '.join(columns)} FROM {name} {('WHERE ' + where) if where else ''} ORDER BY {_ORDER[name]}"
    rows = ledger.conn.execute(sql, params).fetchall()
    frame = pd.DataFrame.from_records([tuple(row) for row in rows], columns=list(columns))
    return frame.astype(columns)


def tables(ledger: Ledger) -> dict[str, pd.DataFrame]:
    """Every ledger table, by name."""
    return {name: table(ledger, name) for name in COLUMNS}
