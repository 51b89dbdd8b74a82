"""Work ahead in worker processes: parsing a reference list, and finding, linking and verifying an
article's claims, need no ledger and are most of what ingesting an article costs, so they run on the
machine's other cores while this process stores the articles before them, in order.

The answers are the same as working one article after the other: each job is done by the same function,
whole, in one process; only where that happens changes.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Fewer articles than this are worked on here: starting a worker (a new interpreter, the tagger's model)
# costs about as much as parsing a few articles.
PARALLEL_FROM = 24
# Jobs handed out ahead per worker: enough to keep each busy, few enough that memory stays flat.
AHEAD = 2


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def auto(count: int) -> int:
    """How many workers suit a run of ``count`` articles: none below ``PARALLEL_FROM``, else one per core."""
    return cores() if count >= PARALLEL_FROM and cores() > 1 else 0


def _worker_start(run: int) -> None:
    # Ctrl-C reaches the whole process group: the run stops in this process, which stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A worker waits for jobs on a pipe it holds both ends of: it would outlive a run that ended without
    # stopping it (killed, say). It ends itself when the run's process is gone.
    threading.Thread(target=_end_with, args=(run,), daemon=True).start()


def _end_with(run: int) -> None:
    while True:
        time.sleep(1.0)
        try:
            os.kill(run, 0)
        except (ProcessLookupError, PermissionError):  # gone, or its pid now another user's process's
            os._exit(0)


def ahead(function: Callable[[Item], Result], items: Iterable[Item], workers: int,
          wanted: Callable[[Item], bool] | None = None) -> Iterator[tuple[Item, Result | None]]:
    """Each item in order with ``function(item)`` worked out ahead in ``workers`` processes, or with
    None where ``wanted`` says it is not wanted, and for every item when ``workers`` < 2 (no process is
    started: the caller does the work, if any, itself). ``function`` must be a module's own function, and
    items and results must pickle. A worker's error is raised here, at its item's turn."""
    if workers < 2:
        yield from ((item, None) for item in items)
        return
    context = multiprocessing.get_context("forkserver" if "forkserver" in multiprocessing.get_all_start_methods()
                                          else "spawn")
    pending: deque[tuple[Item, Future[Result] | None]] = deque()
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_start,
                               initargs=(os.getpid(),))
    try:
        for item in items:
            pending.append((item, pool.submit(function, item) if wanted is None or wanted(item) else None))
            while len(pending) > AHEAD * workers:
                done, future = pending.popleft()
                yield done, None if future is None else future.result()
        while pending:
            done, future = pending.popleft()
            yield done, None if future is None else future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
