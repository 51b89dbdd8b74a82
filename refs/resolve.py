"""Resolve every source through Crossref: DOIs in batches, DOI-less references by strict search.

Every raw answer is cached in the ledger first, so a run that is interrupted
resumes without fetching again, and ``offline`` resolves from the cache
alone. A source's status says what is known and how: ``resolved`` (its DOI
has a Crossref record), ``matched`` (found by search; score and evidence
stored), ``not_found`` (Crossref answered 404), ``could_not_check`` (no
usable answer; the reason is stored), ``unmatched`` (no candidate passed the
checks) and ``not_applicable`` (a web or organisation page, not a scholarly work).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import sqlite3
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from refs import citation as citation_mod
from refs import ingest, matching, records, segments
from refs.crossref import CrossrefClient, NotFound, batches
from refs.http import CouldNotCheck
from refs.ledger import Ledger
from refs.records import Record

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
    disagreements: int = 0
    requests: int = 0
    retries: int = 0
    throttled: int = 0
    offline: bool = False
    network_problem: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def search_key(query: str) -> str:
    return "search:" + hashlib.sha1(matching.fold(query).encode()).hexdigest()


def search_query(cit: citation_mod.Citation) -> str:
    """The text sent to ``query.bibliographic``: the reference as printed, without URLs or list number."""
    text = segments.URL.sub(" ", cit.raw)
    text = re.sub(r"^\s*(?:\[\d{1,4}\]|\d{1,4}[.)])\s*", "", text)
    return " ".join(text.split())


def _needs_search(cit: citation_mod.Citation) -> bool:
    """Scholarly references without DOI are searched; web and organisation pages are not."""
    if cit.kind == "web":
        return False
    return bool(cit.title)


class _Cache:
    """The ``crossref_cache`` table."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def get_many(self, keys: Iterable[str]) -> dict[str, tuple[str, Any]]:
        found: dict[str, tuple[str, Any]] = {}
        keys = list(keys)
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(f"SELECT key, status, body FROM crossref_cache WHERE key IN ({marks})", chunk):
                found[row["key"]] = (row["status"], json.loads(row["body"]) if row["body"] else None)
        return found

    def put(self, key: str, status: str, body: Any) -> None:
        self.conn.execute(
            "INSERT INTO crossref_cache (key, status, body, fetched_at) VALUES (?,?,?,?) "
            "ON CONFLICT(key) DO UPDATE SET status = excluded.status, body = excluded.body, "
            "fetched_at = excluded.fetched_at",
            (key, status, json.dumps(body, ensure_ascii=False) if body is not None else None, _now()),
        )


def _store_record(conn: sqlite3.Connection, work_id: int, record: Record, fetched_at: str) -> None:
    """Fill a work from its Crossref record; authors and updates are replaced by Crossref's."""
    conn.execute(
        "UPDATE works SET doi = ?, title = ?, container = ?, year = ?, volume = ?, issue = ?, pages = ?, url = ?,"
        " metadata_source = 'crossref', type = ?, title_raw = ?, subtitle = ?, short_container = ?, issued = ?,"
        " print_year = ?, article_number = ?, issn = ?, isbn = ?, publisher = ?, cited_by_count = ?,"
        " abstract = ?, abstract_raw = ?, update_status = ?, record_fetched_at = ? WHERE id = ?",
        (record.doi, record.title, record.container, record.year, record.volume, record.issue, record.pages,
         record.url, record.type, record.title_raw, record.subtitle, record.short_container, record.issued,
         record.print_year, record.article_number, record.issn, record.isbn, record.publisher,
         record.cited_by_count, record.abstract, record.abstract_raw, record.update_status, fetched_at, work_id),
    )
    conn.execute("DELETE FROM authors WHERE work_id = ?", (work_id,))
    conn.executemany(
        "INSERT INTO authors (work_id, position, family, given, name, orcid, source) VALUES (?,?,?,?,?,?,?)",
        [(work_id, i, a.family, a.given, a.name, a.orcid, records.SOURCE)
         for i, a in enumerate(record.authors, start=1)],
    )
    conn.execute("DELETE FROM work_updates WHERE work_id = ?", (work_id,))
    conn.executemany(
        "INSERT OR IGNORE INTO work_updates (work_id, relation, update_type, notice_doi, label, source, date)"
        " VALUES (?,?,?,?,?,?,?)",
        [(work_id, u.relation, u.update_type, u.notice_doi, u.label, u.source, u.date) for u in record.updates],
    )


def _work_for_doi(conn: sqlite3.Connection, doi: str, cit: citation_mod.Citation) -> int:
    """The work keyed by ``doi``; a reference matched by search gets one made from its own text."""
    return ingest.upsert_work(conn, dataclasses.replace(cit, doi=doi))


def _set_status(conn: sqlite3.Connection, source_id: int, status: str, reason: str | None = None, *,
                score: float | None = None, evidence: Any = None, agreement: matching.Agreement | None = None,
                work_id: int | None = None) -> None:
    conn.execute(
        "UPDATE sources SET status = ?, status_reason = ?, match_score = ?, evidence = ?, agreement = ?,"
        " disagreements = ?, checked_at = ?, work_id = COALESCE(?, work_id) WHERE id = ?",
        (status, reason, score, json.dumps(evidence, ensure_ascii=False) if evidence is not None else None,
         None if agreement is None else ("agrees" if agreement.agrees else "disagrees"),
         json.dumps(agreement.disagreements, ensure_ascii=False) if agreement and agreement.disagreements else None,
         _now(), work_id, source_id),
    )


@dataclass
class _Source:
    id: int
    doi: str | None
    citation: citation_mod.Citation


def _load_sources(conn: sqlite3.Connection, article_ids: list[str] | None = None) -> list[_Source]:
    if article_ids is None:
        rows = conn.execute("SELECT id, doi, raw FROM sources ORDER BY id").fetchall()
    else:
        marks = ",".join("?" * len(article_ids))
        rows = conn.execute(f"SELECT id, doi, raw FROM sources WHERE article_id IN ({marks}) ORDER BY id",
                            article_ids).fetchall()
    out = []
    for row in rows:
        cit = citation_mod.parse(row["raw"])
        cit.doi = row["doi"]  # the stored DOI may come from a link target
        out.append(_Source(id=row["id"], doi=row["doi"], citation=cit))
    return out


class Resolver:
    """One resolution run over a ledger."""

    def __init__(self, ledger: Ledger, client: CrossrefClient | None, *, offline: bool = False,
                 refresh: bool = False, progress: Progress | None = None,
                 article_ids: list[str] | None = None) -> None:
        if client is None and not offline:
            raise ValueError("an online run needs a Crossref client")
        self.ledger = ledger
        self.conn = ledger.conn
        self.client = client
        self.offline = offline
        self.refresh = refresh
        self.progress = progress or (lambda n: None)
        self.cache = _Cache(self.conn)
        self.failures: dict[str, str] = {}  # cache key -> why it could not be checked
        self.network_problem: str | None = None
        self._planned: tuple[list[_Source], list[str], dict[str, str]] | None = None
        self.article_ids = article_ids  # None: every article

    # -- fetching -------------------------------------------------------------------------------
    def _workers(self) -> int:
        assert self.client is not None
        return max(1, min(self.client.seam.limits.concurrency, 4))

    def _fetch_dois(self, dois: list[str]) -> None:
        """Fetch records for ``dois``: batched, then one by one for those a batch lacked."""
        assert self.client is not None
        client = self.client
        missing: list[str] = []
        with ThreadPoolExecutor(max_workers=self._workers()) as pool:
            futures: dict[Future[dict[str, dict[str, Any]]], list[str]] = {
                pool.submit(client.works_by_doi, batch): batch for batch in batches(dois)
            }
            for future, batch in futures.items():
                try:
                    found = future.result()
                except CouldNotCheck as error:
                    self._fail([f"doi:{d}" for d in batch], error)
                    self.progress(len(batch))
                    continue
                with self.ledger.transaction():
                    for doi, message in found.items():
                        self.cache.put(f"doi:{doi}", "found", message)
                missing += [d for d in batch if d not in found]
                self.progress(len(found))
            singles: dict[Future[dict[str, Any]], str] = {pool.submit(client.work, d): d for d in missing}
            for single, doi in singles.items():
                try:
                    message = single.result()
                    with self.ledger.transaction():
                        self.cache.put(f"doi:{doi}", "found", message)
                except NotFound:
                    with self.ledger.transaction():
                        self.cache.put(f"doi:{doi}", "not_found", None)
                except CouldNotCheck as error:
                    self._fail([f"doi:{doi}"], error)
                self.progress(1)

    def _fetch_searches(self, queries: dict[str, str]) -> None:
        assert self.client is not None
        client = self.client
        with ThreadPoolExecutor(max_workers=self._workers()) as pool:
            futures = {pool.submit(client.search, query): key for key, query in queries.items()}
            for future, key in futures.items():
                try:
                    items = future.result()
                except CouldNotCheck as error:
                    self._fail([key], error)
                else:
                    with self.ledger.transaction():
                        self.cache.put(key, "found", items)
                self.progress(1)

    def _fail(self, keys: list[str], error: CouldNotCheck) -> None:
        for key in keys:
            self.failures[key] = error.reason
        if self.client is not None and self.client.seam.unreachable:
            self.network_problem = self.client.seam.unreachable

    # -- the run --------------------------------------------------------------------------------
    def _plan(self) -> tuple[list[_Source], list[str], dict[str, str]]:
        """The sources (parsed once per run), their distinct DOIs, and the searches they need."""
        if self._planned is None:
            sources = _load_sources(self.conn, self.article_ids)
            dois = sorted({s.doi for s in sources if s.doi})
            searches = {search_key(search_query(s.citation)): search_query(s.citation)
                        for s in sources if not s.doi and _needs_search(s.citation)}
            self._planned = (sources, dois, searches)
        return self._planned

    @property
    def total_steps(self) -> int:
        """How many progress steps the run reports: distinct DOIs plus searches."""
        _, dois, searches = self._plan()
        return len(dois) + len(searches)

    def run(self) -> ResolveSummary:
        sources, dois, searches = self._plan()
        cached = self.cache.get_many([f"doi:{d}" for d in dois] + list(searches))
        if not self.offline:
            to_fetch = [d for d in dois if self.refresh or f"doi:{d}" not in cached]
            to_search = {k: q for k, q in searches.items() if self.refresh or k not in cached}
            self.progress(len(dois) - len(to_fetch) + len(searches) - len(to_search))
            if to_fetch:
                self._fetch_dois(to_fetch)
            if to_search:
                self._fetch_searches(to_search)
            cached = self.cache.get_many([f"doi:{d}" for d in dois] + list(searches))
        with self.ledger.transaction():
            summary = self._apply(sources, cached)
            self.conn.execute("DELETE FROM works WHERE id NOT IN (SELECT DISTINCT work_id FROM sources)")
        if self.client is not None:
            stats = self.client.seam.stats
            summary.requests, summary.retries, summary.throttled = stats.requests, stats.retries, stats.throttled
        summary.offline = self.offline
        summary.network_problem = self.network_problem
        return summary

    def _unchecked_reason(self, key: str) -> str:
        if self.offline:
            return "offline: no cached Crossref answer"
        return self.failures.get(key, "no Crossref answer")

    def _apply(self, sources: list[_Source], cached: dict[str, tuple[str, Any]]) -> ResolveSummary:
        summary = ResolveSummary()
        stored: dict[str, Record] = {}
        now = _now()

        def record_for(doi: str, message: Any, cit: citation_mod.Citation) -> Record:
            if doi not in stored:
                stored[doi] = records.parse(message)
                _store_record(self.conn, _work_for_doi(self.conn, doi, cit), stored[doi], now)
            return stored[doi]

        for source in sources:
            cit = source.citation
            if source.doi:
                key = f"doi:{source.doi}"
                status, body = cached.get(key, (None, None))
                if status == "found":
                    record = record_for(source.doi, body, cit)
                    agreement = matching.check_agreement(cit, record)
                    _set_status(self.conn, source.id, "resolved", agreement=agreement)
                    summary.resolved += 1
                    summary.disagreements += 0 if agreement.agrees else 1
                elif status == "not_found":
                    _set_status(self.conn, source.id, "not_found", "Crossref has no record of this DOI (HTTP 404)")
                    summary.not_found += 1
                else:
                    _set_status(self.conn, source.id, "could_not_check", self._unchecked_reason(key))
                    summary.could_not_check += 1
                continue
            if not _needs_search(cit):
                reason = "web or organisation page, not a scholarly work" if cit.kind == "web" else "no title"
                status_name = "not_applicable" if cit.kind == "web" else "unmatched"
                _set_status(self.conn, source.id, status_name, reason)
                setattr(summary, status_name, getattr(summary, status_name) + 1)
                continue
            key = search_key(search_query(cit))
            status, body = cached.get(key, (None, None))
            if status != "found":
                _set_status(self.conn, source.id, "could_not_check", self._unchecked_reason(key))
                summary.could_not_check += 1
                continue
            candidates = []
            for item in body or []:
                try:
                    candidates.append(records.parse(item))
                except ValueError:
                    continue
            match, rejected = matching.accept_candidate(cit, candidates)
            if match is None:
                _set_status(self.conn, source.id, "unmatched",
                            f"none of {len(candidates)} search candidates agreed on title, first author and year",
                            evidence={"rejected": rejected})
                summary.unmatched += 1
                continue
            item = next(i for i in body or [] if str(i.get("DOI", "")).lower() == match.record.doi)
            self.cache.put(f"doi:{match.record.doi}", "found", item)
            record_for(match.record.doi, item, cit)
            work_id = _work_for_doi(self.conn, match.record.doi, cit)
            _set_status(self.conn, source.id, "matched", "bibliographic search; title, first author and year agree",
                        score=match.score, evidence=match.evidence, work_id=work_id)
            summary.matched += 1
        return summary


def resolve(ledger: Ledger, client: CrossrefClient | None, *, offline: bool = False, refresh: bool = False,
            progress: Progress | None = None, article_ids: list[str] | None = None) -> ResolveSummary:
    """Resolve every source in the ledger (see the module docstring for the statuses)."""
    return Resolver(ledger, client, offline=offline, refresh=refresh, progress=progress,
                    article_ids=article_ids).run()

