"""The works to export as bibliography entries: each one's CSL item and what the ledger knows beyond it."""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import refs.export.csl as csl
from refs.errors import InputError
from refs.model import MetadataSource, RefEntry, UpdateStatus, Work
from refs.store import articles, cache, sources, works
from refs.store.ledger import Ledger

_CHUNK = 500


@dataclass
class Entry:
    """One bibliography entry: its citation key, its CSL item, and the ledger's own knowledge about it."""

    key: str
    item: dict[str, Any]
    metadata_source: MetadataSource
    et_al: bool = False  # the citing reference ended its author list with "et al.": the list is incomplete
    status: UpdateStatus | None = None
    notices: list[str] = field(default_factory=list)
    claims_supported: int = 0

    @property
    def annotation(self) -> str | None:
        """The ledger's note on this entry (only exported with ``annotate``)."""
        if not self.claims_supported:
            return None
        plural = "s" if self.claims_supported != 1 else ""
        return f"Supports {self.claims_supported} claim{plural} in the refs ledger"

    @property
    def remarks(self) -> list[str]:
        """What a reader of the entry should be told: its notices, and that its author list is incomplete."""
        return self.notices + (["Author list incomplete in the citing reference (et al.)"] if self.et_al else [])


def initials(given: str | None) -> str | None:
    """Vancouver initials as a given name ("JI" -> "J. I."), so styles abbreviate them right. Only for names
    read from a reference: Crossref's "WEI" is a name, not three initials."""
    if given and re.fullmatch(r"[A-Z]{1,3}", given):
        return " ".join(f"{letter}." for letter in given)
    return given


def _from_reference(work: Work, year: int | None) -> dict[str, Any]:
    people = [dataclasses.replace(person, given=initials(person.given)) for person in work.authors]
    item = csl.from_work(dataclasses.replace(work, authors=people))
    if "issued" not in item and year:
        item["issued"] = {"date-parts": [[year]]}
    return item


def collect(ledger: Ledger, article: str | None = None, annotate: bool = False,
            keys: list[str] | None = None) -> Iterator[Entry]:
    """Every work cited in the ledger (or by one article), once, in citation-key order; or the works with
    the given ``keys``, in that order (an unknown key is an ``InputError``, raised before any entry).
    Made as they are consumed, 500 works at a time, so an export of any size holds one chunk in memory.
    Only with ``annotate`` do they carry how many claims rest on them: styles print note fields, and a
    ledger's bookkeeping does not belong in someone's bibliography unless asked for."""
    articles.require(ledger, article)
    found: Iterable[Work] = works.cited(ledger, article, keys)
    if keys is not None:
        by_key = {work.key: work for work in found}
        unknown = [key for key in keys if key not in by_key]
        if unknown:
            raise InputError(f"no work with citation key {unknown[0]!r}" + (
                f" (and {len(unknown) - 1} more unknown)" if len(unknown) > 1 else "") + "; 'refs keys' lists them")
        found = [by_key[key] for key in dict.fromkeys(keys)]
    return _entries(ledger, iter(found), annotate)


def _entries(ledger: Ledger, found: Iterator[Work], annotate: bool) -> Iterator[Entry]:
    while chunk := list(itertools.islice(found, _CHUNK)):
        yield from _chunk_entries(ledger, chunk, annotate)


def _as_printed(entry: RefEntry, work: Work) -> tuple[dict[str, Any], str]:
    """The CSL item of a reference whose DOI is registered to another work: the reference's own details,
    without that DOI, and the note that says so."""
    printed = Work(doi=None, title=entry.title, container=entry.container, year=entry.year, volume=entry.volume,
                   issue=entry.issue, pages=entry.pages, url=entry.url, authors=entry.authors, kind=entry.kind,
                   publisher=entry.publisher, publisher_place=entry.place)
    note = (f"The reference gives DOI {work.doi}, which Crossref registers to another work"
            f"{': ' + repr(work.title) if work.title else ''}; the details are the reference's own")
    return _from_reference(printed, entry.year), note


def _chunk_entries(ledger: Ledger, chunk: list[Work], annotate: bool) -> Iterator[Entry]:
    # Raw records are large: read and map a chunk at a time, so memory holds CSL items, not records.
    nothing = works.Citing(False, None, None)
    citing = works.citing(ledger, [w.key for w in chunk])
    cited_by = {w.key: citing.get(w.key, nothing) for w in chunk}
    mismatched = sources.by_id(ledger, [c.mismatch for c in cited_by.values() if c.mismatch is not None])
    records = cache.get_many(ledger, [f"doi:{w.doi}" for w in chunk if w.doi and w.metadata_source ==
                                      MetadataSource.CROSSREF and cited_by[w.key].mismatch is None])
    for work in chunk:
        cited = cited_by[work.key]
        et_al, year = cited.et_al, cited.year
        notices = list(work.notices)
        status, message = records.get(f"doi:{work.doi}", (None, None))
        if cited.mismatch is not None:
            item, note = _as_printed(mismatched[cited.mismatch], work)
            notices = [note]  # the other work's notices are not this reference's
        elif status == cache.FOUND and isinstance(message, dict):
            item = csl.from_record(message)
            if "issued" not in item and year:
                # Crossref has no date for it; the citing reference printed one.
                item["issued"] = {"date-parts": [[year]]}
        else:
            item = _from_reference(work, year)
        yield Entry(
            key=work.key, item=item, metadata_source=work.metadata_source,
            et_al=et_al and (work.metadata_source == MetadataSource.REFERENCE_TEXT or cited.mismatch is not None),
            status=None if cited.mismatch is not None else work.update_status, notices=notices,
            claims_supported=work.claims_supported if annotate else 0,
        )
