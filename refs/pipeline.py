"""The pipeline: ingest → resolve → claims, the one place the stages are chained.

``build``, ``ingest``, ``resolve`` and ``check`` (and the CLI commands of those
names) all run the stages through ``run`` or the step functions here.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from refs import workers as workers_mod
from refs.claims.stage import Analysed, ClaimSummary
from refs.claims.stage import rebuild as rebuild_claims
from refs.crossref import resolve as resolve_stage
from refs.crossref.client import CrossrefClient
from refs.crossref.resolve import ResolveSummary
from refs.errors import InputError
from refs.ingest import article as article_stage
from refs.ingest import bundled, pandoc, parse, reader
from refs.ingest.article import Document
from refs.model import Article, ArticleFormat, IngestResult, IngestStatus, TitleSource
from refs.store import articles, sources, works
from refs.store.ledger import Ledger
from refs.text import doi as doi_mod

# Given the number of steps a resolution will take, a context giving the function to call as steps finish.
ProgressFactory = Callable[[int], AbstractContextManager[Callable[[int], None]]]


@contextlib.contextmanager
def _silent(total: int) -> Iterator[Callable[[int], None]]:
    yield lambda steps: None


@dataclass
class Crossref:
    """How a run reaches Crossref: through ``client``, or from the ledger's cache alone (``offline``)."""

    client: CrossrefClient | None
    offline: bool = False
    refresh: bool = False

    def __post_init__(self) -> None:
        self.offline = self.offline or self.client is None


class Scope(Enum):
    """Which articles a run resolves and re-reads claims for after ingesting."""

    CHANGED = "changed"  # only the articles this run added or replaced
    ALL = "all"  # every article in the ledger


@dataclass
class RunSummary:
    """What a run did, stage by stage (a stage that did not run is None)."""

    articles: list[IngestResult] = field(default_factory=list)
    resolved: ResolveSummary | None = None
    claims: ClaimSummary | None = None

    @property
    def n_sources(self) -> int:
        return sum(r.n_sources for r in self.articles)

    @property
    def n_dois(self) -> int:
        return sum(r.n_dois for r in self.articles)

    def count(self, status: IngestStatus) -> int:
        return sum(1 for r in self.articles if r.status == status)


class Reading:
    """The documents of a run, read one at a time as they are iterated, and how many there are."""

    def __init__(self, documents: Iterator[Document], count: int) -> None:
        self._documents, self._count = documents, count

    def __iter__(self) -> Iterator[Document]:
        return self._documents

    def __len__(self) -> int:
        return self._count


def read(paths: Sequence[Path | str], bibliography: Path | None = None) -> Reading:
    """Every file (or web page, given as an http(s) URL), read. All are checked first, so an unreadable
    one stops the run before anything is written: a page is fetched (and parsed) then, a file is only
    checked, then read as it is stored, one at a time, so memory does not grow with the number of files;
    its reference list is parsed only if the ledger does not hold it already. ``bibliography`` is where
    Markdown drafts' pandoc citation keys are looked up."""
    fetched: dict[int, Document] = {}
    for index, item in enumerate(paths):
        if isinstance(item, str) and item.lower().startswith(("http://", "https://")):
            fetched[index] = Document.of(article_stage.read_url(item))
        else:
            reader.check_readable(Path(item))
    # Read once for every draft, and before anything is written: a bad bibliography stops the run.
    given = pandoc.Bibliography.read(bibliography) if bibliography is not None else None
    return Reading((fetched[index] if index in fetched else article_stage.document(Path(item), given)
                    for index, item in enumerate(paths)), len(paths))


_CHANGED = (IngestStatus.ADDED, IngestStatus.REPLACED)


def _parse_and_analyse(document: Document) -> tuple[Article, Analysed]:
    """A worker's job at ingest: the article with its list parsed, and its claims, linked and verified."""
    article = document.parse()
    return article, Analysed.of(article.text, article.references_line, article.entries)


def _ingest(ledger: Ledger, found: Iterable[Article | Document], *, give_keys: bool = True, workers: int = 0,
            reading: ProgressFactory | None = None) -> tuple[list[IngestResult], ClaimSummary]:
    _backfill_source_authors(ledger)
    _backfill_claims(ledger)
    results = []
    summary = ClaimSummary()
    documents = (item if isinstance(item, Document) else Document.of(item) for item in found)

    def needed(document: Document) -> bool:
        return not document.done and not articles.holds(ledger, document.sha256)

    with (reading or _silent)(len(found) if isinstance(found, Sized) else 0) as advance:
        for document, done in workers_mod.ahead(_parse_and_analyse, documents, workers, needed):
            analysed = None
            if done is not None:
                document, analysed = Document.of(done[0], document.bibliography), done[1]
            with ledger.transaction():
                # An article whose content the ledger holds under its path is neither rendered nor parsed.
                held = articles.unchanged(ledger, str(document.path.resolve()), document.sha256, document.path) \
                    if document.rendered is None else None
                result = held or articles.save(ledger, document.article, document.parse)
                if result.status in _CHANGED:
                    summary.add(rebuild_claims(ledger, [result.article_id],
                                               None if analysed is None else {result.article_id: analysed}))
            results.append(result)
            advance(1)
    if give_keys:  # else the run resolves next, and the works get their keys from their records
        keys(ledger)
    return results, summary


def keys(ledger: Ledger) -> list[tuple[str, str]]:
    """Give the works met since the last run their citation keys (in DOI order, so the order articles
    came in does not matter); returns (old, new) for keys made again now that the record is known."""
    if ledger.readonly:
        return []
    with ledger.transaction():
        return works.assign_keys(ledger.conn)


def ingest(ledger: Ledger, found: Iterable[Article | Document]) -> list[IngestResult]:
    """Store articles with their claims, each article in one transaction: a run stopped at any point
    leaves every article either whole (text, sources, claims) or absent, and a re-run completes it."""
    return _ingest(ledger, found)[0]


def _backfill_source_authors(ledger: Ledger) -> None:
    """Entries stored before authors were kept per entry get them, parsed from their text once."""
    if ledger.readonly or not sources.backfill_pending(ledger):
        return
    missing = sources.missing_authors(ledger)
    with ledger.transaction():
        for source_id, raw in missing:
            sources.save_authors(ledger.conn, source_id, parse.parse(raw).authors)
        sources.finish_backfill(ledger.conn)


def _backfill_claims(ledger: Ledger) -> None:
    """Claims stored by an older version's rules are made again from each article's text, an article per
    transaction (an interrupted backfill is finished by the next run)."""
    if ledger.readonly or not sources.backfill_pending(ledger, "claims"):
        return
    for article_id in articles.ids(ledger):
        with ledger.transaction():
            rebuild_claims(ledger, [article_id])
    with ledger.transaction():
        sources.finish_backfill(ledger.conn, "claims")


def resolve(ledger: Ledger, crossref: Crossref, article_ids: list[str] | None = None,
            progress: ProgressFactory | None = None) -> ResolveSummary:
    """Resolve the sources of the given articles (default: all) through Crossref, or from the cache."""
    _backfill_source_authors(ledger)
    _backfill_claims(ledger)
    planned = resolve_stage.plan(ledger, article_ids)
    with (progress or _silent)(0 if crossref.offline else planned.total_steps) as advance:
        summary = resolve_stage.resolve(ledger, crossref.client, offline=crossref.offline,
                                        refresh=crossref.refresh, progress=advance, planned=planned)
    summary.keys_changed = keys(ledger)
    return summary


def claims(ledger: Ledger, article_ids: list[str] | None = None, workers: int = 0) -> ClaimSummary:
    """Extract, link and verify the claims of the given articles (default: all), in ``workers`` processes
    when more than one (the same claims, stored in order). An article whose text, sources (with what
    Crossref said of them) and claim rules are those its stored claims were found from keeps them."""
    _backfill_source_authors(ledger)
    if article_ids is not None:
        _backfill_claims(ledger)
        return rebuild_claims(ledger, article_ids, processes=workers, again=False)
    # Every article: what a pending backfill would do, so it is done.
    pending = not ledger.readonly and sources.backfill_pending(ledger, "claims")
    summary = rebuild_claims(ledger, processes=workers, again=pending)
    if pending:
        with ledger.transaction():
            sources.finish_backfill(ledger.conn, "claims")
    return summary


def run(ledger: Ledger, found: Iterable[Article | Document], *, crossref: Crossref | None = None,
        scope: Scope = Scope.CHANGED, progress: ProgressFactory | None = None, workers: int = 0,
        reading: ProgressFactory | None = None) -> RunSummary:
    """Ingest ``found`` (parsed ahead by ``workers`` processes when more than one; ``reading`` shows how
    far), then resolve (when ``crossref`` is given; ``progress`` shows how far) and read claims for the
    articles in ``scope``."""
    results, claimed = _ingest(ledger, found, give_keys=crossref is None, workers=workers, reading=reading)
    summary = RunSummary(articles=results)
    ids = None if scope is Scope.ALL else [r.article_id for r in results if r.status in _CHANGED]
    if ids == []:
        keys(ledger)
        return summary
    if crossref is None and scope is Scope.CHANGED:
        summary.claims = claimed  # read at ingest; nothing new to link them to
        return summary
    if crossref is not None:
        summary.resolved = resolve(ledger, crossref, ids, progress)
    # Again: abstracts may have arrived, and every article is in scope.
    summary.claims = claims(ledger, ids, workers)
    return summary


def build(ledger: Ledger, directory: Path | None, crossref: Crossref, progress: ProgressFactory | None = None,
          workers: int | None = 0, reading: ProgressFactory | None = None) -> RunSummary:
    """The main job: every article in ``directory`` (default: the bundled ones), then every source and claim
    (``workers``: processes parsing articles ahead; None: as suits the number of files, as ``refs build``
    does; by default none, so that a program calling refs starts no process it did not ask for)."""
    directory = directory or bundled.articles_dir()
    if not directory.is_dir():
        raise InputError(f"{directory}: not a directory of articles")
    files = bundled.article_files(directory)
    if not files:
        raise InputError(f"{directory}: no article files (.txt, .md, .html)")
    return run(ledger, read(files), crossref=crossref, scope=Scope.ALL, progress=progress,
               workers=workers_mod.auto(len(files)) if workers is None else workers, reading=reading)


def ingest_file(ledger: Ledger, path: Path) -> IngestResult:
    """Read and store one article file with its claims (no resolution); its list is parsed if it changed."""
    return ingest(ledger, [article_stage.document(path)])[0]


ADDED_WORKS = "added-works"  # the article id under which ``refs add`` keeps works added by DOI


def add_works(ledger: Ledger, dois: Sequence[str], crossref: Crossref) -> tuple[RunSummary, list[str]]:
    """Add works by DOI, without an article: they are kept as the reference list of a pseudo-article
    ``added-works`` (so every listing, export and check sees them as cited works) and resolved.
    Returns the run and the normalised DOIs asked for."""
    wanted = []
    for value in dois:
        doi = doi_mod.normalize(value)
        if doi is None:
            raise InputError(f"{value!r} is not a DOI (expected 10.NNNN/...)")
        wanted.append(doi)
    known = [entry.doi for entry in sources.load(ledger, [ADDED_WORKS]) if entry.doi] if articles.exists(
        ledger, ADDED_WORKS) else []
    listed = list(dict.fromkeys([*known, *wanted]))
    text = "Works added with refs add\n\nReferences\n" + "\n".join(
        f"{n}. doi:{doi}" for n, doi in enumerate(listed, start=1))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    added = article_stage.prepare(Article(
        path=Path(ADDED_WORKS), text=text, format=ArticleFormat.TEXT, sha256=digest, size=len(text.encode()),
        title="Works added with refs add", title_source=TitleSource.FIRST_LINE, location=f"refs:{ADDED_WORKS}"))
    return run(ledger, [added], crossref=crossref, progress=None), list(dict.fromkeys(wanted))
