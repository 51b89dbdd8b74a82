"""Read articles ahead in worker processes: parsing a reference list, extracting the claims and linking
them need no ledger, and are most of what ingesting an article costs, so they run on the machine's other cores while
this process stores the articles before them, in order.

The answers are the same as reading one article after the other: each article is parsed, and its claims
found and linked, by the same functions, whole, in one process; only where that happens changes (links
found for entries that the ledger knows more about are made again: ``Analysed.stored_as``).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from refs.claims.stage import Analysed
from refs.ingest.article import Document
from refs.model import Article

# Fewer articles than this to parse are read here: starting a worker (a new interpreter, the tagger's
# model) costs about as much as parsing a few articles.
PARALLEL_FROM = 24
# Articles parsed ahead per worker: enough to keep each busy, few enough that memory stays flat.
AHEAD = 2


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def auto(count: int) -> int:
    """How many workers suit a run of ``count`` files: none below ``PARALLEL_FROM``, else one per core."""
    return cores() if count >= PARALLEL_FROM and cores() > 1 else 0


def _quiet() -> None:
    # Ctrl-C reaches the whole process group: the run stops in this process, which stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _read(document: Document) -> tuple[Article, Analysed]:
    """A worker's job: the article with its list parsed, and its claims and links."""
    article = document.parse()
    return article, Analysed.of(article.text, article.references_line, article.entries)


Read = tuple[Document, Analysed | None]


def read_ahead(documents: Iterable[Document], needed: Callable[[Document], bool], workers: int) -> Iterator[Read]:
    """Each document in order, with its claims and links when a worker read it ahead (``needed`` says
    which: those the ledger does not hold already), else None and the document as it was. ``workers`` < 2:
    none."""
    if workers < 2:
        yield from ((document, None) for document in documents)
        return
    context = multiprocessing.get_context("forkserver" if "forkserver" in multiprocessing.get_all_start_methods()
                                          else "spawn")
    pending: deque[tuple[Document, Future[tuple[Article, Analysed]] | None]] = deque()
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_quiet)
    try:
        for document in documents:
            pending.append((document, pool.submit(_read, document) if needed(document) else None))
            while len(pending) > AHEAD * workers:
                yield _finished(*pending.popleft())
        while pending:
            yield _finished(*pending.popleft())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _finished(document: Document, future: Future[tuple[Article, Analysed]] | None) -> Read:
    if future is None:
        return document, None
    article, analysed = future.result()  # a worker's error (an unreadable bibliography...) is raised here
    return Document(article, document.bibliography, done=True), analysed
