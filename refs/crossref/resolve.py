"""Resolve sources through Crossref in three steps: plan, fetch, apply.

``plan`` reads the stored entries (parsed once, at ingest) and lists the
distinct DOIs and searches they need. ``fetch`` asks Crossref for what the
cache lacks: DOIs batched, then one by one for those a batch lacked, then
bibliographic searches; every raw answer is cached in the ledger as it
arrives, so an interrupted run resumes without fetching again. ``apply``
turns cached answers into statuses in one transaction, and is all that an
``offline`` run does.

A source's status says what is known and how: ``resolved`` (its DOI has a
Crossref record), ``matched`` (found by search; score and evidence stored),
``not_found`` (Crossref answered 404), ``could_not_check`` (no usable answer;
the reason is stored), ``unmatched`` (no candidate passed the checks) and
``not_applicable`` (a web or organisation page, not a scholarly work).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from refs.crossref import match, records
from refs.crossref.client import CrossrefClient, NotFound, batches
from refs.crossref.transport import CouldNotCheck, DeadlinePassed, Unreachable
from refs.model import FieldMethod, RefEntry, SourceStatus, Work
from refs.store import cache, sources, works
from refs.store.ledger import Ledger
from refs.text.fold import fold
from refs.text.patterns import URL

Progress = Callable[[int], None]


@dataclass
class ResolveSummary:
    """Counts of source statuses after a run, and what the network side did."""

    resolved: int = 0
    matched: int = 0
    not_found: int = 0
    could_not_check: int = 0
    unmatched: int = 0
    not_applicable: int = 0
    doi_mismatch: int = 0
    requests: int = 0
    retries: int = 0
    throttled: int = 0
    offline: bool = False
    network_problem: str | None = None
    # Citation keys made again from the records found (old, new): they were made from reference text.
    keys_changed: list[tuple[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    def count(self, status: SourceStatus) -> None:
        setattr(self, status.value, getattr(self, status.value) + 1)


def search_key(query: str) -> str:
    return "search:" + hashlib.sha1(fold(query).encode()).hexdigest()


def search_query(entry: RefEntry) -> str:
    """The text sent to ``query.bibliographic``: the reference as printed, without URLs or list number."""
    text = URL.sub(" ", entry.raw)
    text = re.sub(r"^\s*(?:\[\d{1,6}\]|\d{1,6}[.)])\s*", "", text)
    return " ".join(text.split())


def needs_search(entry: RefEntry) -> bool:
    """Scholarly references without DOI are searched; web and organisation pages are not."""
    if entry.kind == "web":
        return False
    return bool(entry.title)


@dataclass
class Plan:
    """What a run resolves: the entries (their ids: a large ledger's entries are read a chunk at a time),
    their distinct DOIs, and the searches (cache key -> query)."""

    entries: list[int]
    dois: list[str]
    searches: dict[str, str]

    @property
    def keys(self) -> list[str]:
        return [f"doi:{d}" for d in self.dois] + list(self.searches)

    @property
    def total_steps(self) -> int:
        """How many progress steps a run reports: distinct DOIs plus searches."""
        return len(self.dois) + len(self.searches)


def plan(ledger: Ledger, article_ids: list[str] | None = None) -> Plan:
    """The entries of the given articles (default: all) and what Crossref must be asked about them."""
    entry_ids = sources.ids(ledger, article_ids)
    dois: set[str] = set()
    searches: dict[str, str] = {}
    for chunk in sources.in_chunks(ledger, entry_ids):
        for entry in chunk:
            if entry.doi:
                dois.add(entry.doi)
            elif needs_search(entry):
                query = search_query(entry)
                searches[search_key(query)] = query
    return Plan(entry_ids, sorted(dois), searches)


@dataclass
class Fetched:
    """Why the keys that could not be fetched were not, and what stopped the network, if anything."""

    failures: dict[str, str] = field(default_factory=dict)
    network_problem: str | None = None


def _workers(client: CrossrefClient) -> int:
    return max(1, min(client.seam.limits.concurrency, 4))


def _put(ledger: Ledger, key: str, status: str, body: Any) -> None:
    with ledger.transaction():
        cache.put(ledger, key, status, body)


def fetch(ledger: Ledger, work: Plan, client: CrossrefClient, *, refresh: bool = False,
          progress: Progress | None = None) -> Fetched:
    """Fetch and cache what the cache lacks (everything, with ``refresh``)."""
    advance = progress or (lambda n: None)
    cached = cache.get_many(ledger, work.keys)
    dois = [d for d in work.dois if refresh or f"doi:{d}" not in cached]
    searches = {k: q for k, q in work.searches.items() if refresh or k not in cached}
    advance(len(work.dois) - len(dois) + len(work.searches) - len(searches))
    fetched = Fetched()

    def fail(keys: list[str], error: CouldNotCheck) -> None:
        for key in keys:
            fetched.failures[key] = error.reason
        if isinstance(error, Unreachable | DeadlinePassed):
            fetched.network_problem = error.reason

    pool = ThreadPoolExecutor(max_workers=_workers(client))
    try:
        _fetch_all(ledger, client, pool, dois, searches, fail, advance)
    except BaseException:
        # Ctrl-C or an error: waits end now and nothing more is asked; the pool is not waited for
        # (a request in flight may hang until its timeout). What is cached stays, and a re-run resumes.
        client.seam.abort()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return fetched


def _fetch_all(ledger: Ledger, client: CrossrefClient, pool: ThreadPoolExecutor, dois: list[str],
               searches: dict[str, str], fail: Callable[[list[str], CouldNotCheck], None], advance: Progress) -> None:
    """Batches, then single confirmations, then searches; each answer cached as it arrives."""
    missing: list[str] = []
    batch_futures: dict[Future[dict[str, dict[str, Any]]], list[str]] = {
        pool.submit(client.works_by_doi, batch): batch for batch in batches(dois)
    }
    for future, batch in batch_futures.items():
        try:
            found = future.result()
        except CouldNotCheck as error:
            fail([f"doi:{d}" for d in batch], error)
            advance(len(batch))
            continue
        with ledger.transaction():
            for doi, message in found.items():
                cache.put(ledger, f"doi:{doi}", cache.FOUND, message)
        missing += [d for d in batch if d not in found]
        advance(len(found))
    singles: dict[Future[dict[str, Any]], str] = {pool.submit(client.work, d): d for d in missing}
    for single, doi in singles.items():
        try:
            _put(ledger, f"doi:{doi}", cache.FOUND, single.result())
        except NotFound:
            _put(ledger, f"doi:{doi}", cache.NOT_FOUND, None)
        except CouldNotCheck as error:
            fail([f"doi:{doi}"], error)
        advance(1)
    search_futures = {pool.submit(client.search, query): key for key, query in searches.items()}
    for search, key in search_futures.items():
        try:
            _put(ledger, key, cache.FOUND, search.result())
        except CouldNotCheck as error:
            fail([key], error)
        advance(1)


class _Applier:
    """Turns cached answers into source statuses and works, within one transaction."""

    def __init__(self, ledger: Ledger, cached: dict[str, tuple[str, Any]], unchecked: Callable[[str], str]) -> None:
        self.ledger = ledger
        self.conn = ledger.conn
        self.cached = cached
        self.unchecked = unchecked
        self.summary = ResolveSummary()
        self.stored: dict[str, Work] = {}
        self.left: list[int] = []  # works that entries stopped citing (matched to another work)
        self.now = datetime.now(UTC).isoformat(timespec="seconds")

    def record_for(self, doi: str, message: Any, entry: RefEntry) -> tuple[Work, int]:
        """The parsed record of ``doi`` and its work (created from the entry when new), stored once per run."""
        work_id = works.upsert_from_entry(self.conn, dataclasses.replace(entry, doi=doi))
        if doi not in self.stored:
            record = records.parse(message)
            works.store_record(self.conn, work_id, record, self.now)
            # Kept for the agreement checks of later entries citing it; its abstract is stored and not needed.
            self.stored[doi] = dataclasses.replace(record, abstract=None, abstract_raw=None)
        return self.stored[doi], work_id

    def status(self, entry: RefEntry, status: SourceStatus, reason: str | None = None, **details: Any) -> None:
        assert entry.id is not None
        before = sources.set_status(self.conn, entry.id, status, reason, **details)
        if before is not None:
            self.left.append(before)
        self.summary.count(status)

    def with_doi(self, entry: RefEntry, doi: str) -> None:
        key = f"doi:{doi}"
        status, body = self.cached.get(key, (None, None))
        if status == cache.FOUND:
            record, _ = self.record_for(doi, body, entry)
            agreement = match.check_agreement(entry, record)
            if agreement.agrees:
                self.status(entry, SourceStatus.RESOLVED, agreement=True, disagreements=agreement.disagreements)
            else:
                fields = ", ".join(d["field"] for d in agreement.disagreements)
                self.status(entry, SourceStatus.DOI_MISMATCH,
                            f"the DOI's record is another work ({fields} differ): {record.title or 'untitled'}",
                            agreement=False, disagreements=agreement.disagreements)
        elif status == cache.NOT_FOUND:
            self.status(entry, SourceStatus.NOT_FOUND, "Crossref has no record of this DOI (HTTP 404)")
        else:
            self.status(entry, SourceStatus.COULD_NOT_CHECK, self.unchecked(key))

    def by_search(self, entry: RefEntry) -> None:
        if not needs_search(entry):
            if entry.kind == "web":
                self.status(entry, SourceStatus.NOT_APPLICABLE, "web or organisation page, not a scholarly work")
            elif entry.methods.get("year") == FieldMethod.CITATION:
                self.status(entry, SourceStatus.UNMATCHED, "known only from an in-text citation (its authors and "
                                                           "year): too little to find its record by")
            else:
                self.status(entry, SourceStatus.UNMATCHED, "no title")
            return
        key = search_key(search_query(entry))
        status, body = self.cached.get(key, (None, None))
        if status != cache.FOUND:
            self.status(entry, SourceStatus.COULD_NOT_CHECK, self.unchecked(key))
            return
        candidates = []
        for item in body or []:
            try:
                candidates.append(records.parse(item))
            except ValueError:
                continue
        accepted, rejected = match.accept_candidate(entry, candidates)
        if accepted is None:
            self.status(entry, SourceStatus.UNMATCHED,
                        f"none of {len(candidates)} search candidates agreed on title, first author and year",
                        evidence={"rejected": rejected})
            return
        doi = accepted.record.doi
        assert doi is not None
        item = next(i for i in body or [] if str(i.get("DOI", "")).lower() == doi)
        cache.put(self.ledger, f"doi:{doi}", cache.FOUND, item)
        _, work_id = self.record_for(doi, item, entry)
        self.status(entry, SourceStatus.MATCHED, "bibliographic search; title, first author and year agree",
                    score=accepted.score, evidence=accepted.evidence, work_id=work_id)


def apply(ledger: Ledger, work: Plan, unchecked: Callable[[str], str]) -> ResolveSummary:
    """Set every planned entry's status from the cache (one transaction); ``unchecked(key)`` says why a key
    has no answer."""
    applier = _Applier(ledger, {}, unchecked)
    with ledger.transaction():
        # Entries and their raw answers (large) are read a chunk at a time: memory does not grow with the
        # ledger.
        for chunk in sources.in_chunks(ledger, work.entries, _APPLY_CHUNK):
            applier.cached = cache.get_many(ledger, [
                f"doi:{entry.doi}" if entry.doi else search_key(search_query(entry))
                for entry in chunk if entry.doi or needs_search(entry)])
            for entry in chunk:
                if entry.doi:
                    applier.with_doi(entry, entry.doi)
                else:
                    applier.by_search(entry)
        works.delete_orphans(ledger.conn, applier.left)
    return applier.summary


_APPLY_CHUNK = 500


def resolve(ledger: Ledger, client: CrossrefClient | None, *, offline: bool = False, refresh: bool = False,
            progress: Progress | None = None, article_ids: list[str] | None = None,
            planned: Plan | None = None) -> ResolveSummary:
    """Plan, fetch (unless offline) and apply (see the module docstring for the statuses)."""
    if client is None and not offline:
        raise ValueError("an online run needs a Crossref client")
    work = planned or plan(ledger, article_ids)
    fetched = Fetched()
    if not offline and client is not None:
        fetched = fetch(ledger, work, client, refresh=refresh, progress=progress)

    def unchecked(key: str) -> str:
        if offline:
            return "offline: no cached Crossref answer"
        return fetched.failures.get(key, "no Crossref answer")

    summary = apply(ledger, work, unchecked)
    if client is not None:
        stats = client.seam.stats
        summary.requests, summary.retries, summary.throttled = stats.requests, stats.retries, stats.throttled
    summary.offline = offline
    summary.network_problem = fetched.network_problem
    return summary
