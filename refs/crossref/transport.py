"""The one HTTP seam: every request refs makes goes through ``HttpSeam.get``.

It sets a timeout on every call, paces requests to the limits the server
announces (``x-rate-limit-limit`` / ``x-rate-limit-interval`` /
``x-concurrency-limit``, and the older ``x-ratelimit-*`` spellings), retries
429, 5xx, timeouts and malformed answers with exponential backoff and
jitter (honouring ``Retry-After``), and stops trying a host that cannot be
reached at all. What it could not get is raised as ``CouldNotCheck`` with
the reason, never passed off as an empty answer.
"""

from __future__ import annotations

import email.utils
import json
import random
import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx2

from refs.errors import RefsError

DEFAULT_TIMEOUT = 10.0  # seconds to wait for an answer once connected
CONNECT_TIMEOUT = 3.0  # seconds to wait for a connection: a host that does not take one is down
DEFAULT_DEADLINE = 600.0  # seconds one run may spend on the network in all
_RETRY_STATUSES = {429, 500, 502, 503, 504}
# The circuit breaker: failed attempts in a row (no connection, no answer, 5xx, garbage) after which
# the host is given up on for the rest of the run; fewer while it has not answered once.
FAILURES_BEFORE_GIVING_UP = 5
FAILURES_BEFORE_FIRST_ANSWER = 2


class CouldNotCheck(RefsError):
    """The request did not get an answer that can be used; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Unreachable(CouldNotCheck):
    """The host cannot be reached at all (no network, DNS failure, refused, never answers)."""


class DeadlinePassed(CouldNotCheck):
    """The run's network deadline has passed: nothing more is asked."""


class Interrupted(CouldNotCheck):
    """The run was stopped (Ctrl-C): no more requests are made."""


@dataclass
class Limits:
    """Request pacing as announced by the server."""

    requests: int
    interval: float
    concurrency: int

    @property
    def spacing(self) -> float:
        """Seconds between request starts, with a margin so a sliding window never overflows."""
        return self.interval / self.requests * 1.1


def _first_number(value: str | None) -> float | None:
    """'50', '50, 50' (a header sent twice) -> 50.0; '1s', '1s, 1s', '500ms' -> seconds."""
    if not value:
        return None
    found = re.match(r"\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?", value)
    if not found:
        return None
    number = float(found.group(1))
    unit = found.group(2) or ""
    return number / 1000 if unit == "ms" else number * 60 if unit == "m" else number


def limits_from_headers(headers: Mapping[str, str], current: Limits) -> Limits:
    """The limits a response announces; header names in any case, either spelling."""
    lowered = {k.lower(): v for k, v in headers.items()}
    limit = _first_number(lowered.get("x-rate-limit-limit") or lowered.get("x-ratelimit-limit"))
    interval = _first_number(lowered.get("x-rate-limit-interval") or lowered.get("x-ratelimit-interval"))
    concurrency = _first_number(lowered.get("x-concurrency-limit"))
    return Limits(
        requests=max(1, int(limit)) if limit else current.requests,
        interval=interval if interval else current.interval,
        concurrency=max(1, int(concurrency)) if concurrency else current.concurrency,
    )


def retry_after(headers: Mapping[str, str], now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    value = {k.lower(): v for k, v in headers.items()}.get("retry-after")
    if not value:
        return None
    value = value.strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", value):
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


@dataclass
class Stats:
    """What the seam did, for summaries and tests."""

    requests: int = 0
    retries: int = 0
    throttled: int = 0  # 429 answers
    server_errors: int = 0
    timeouts: int = 0
    malformed: int = 0
    waits: list[float] = field(default_factory=list)


class Pacer:
    """Keeps request starts ``spacing`` apart and at most ``concurrency`` in flight."""

    def __init__(self, limits: Limits, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.limits = limits
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Condition()
        self._in_flight = 0
        self._next_start = 0.0

    @contextmanager
    def slot(self) -> Iterator[None]:
        with self._lock:
            while self._in_flight >= self.limits.concurrency:
                self._lock.wait()
            self._in_flight += 1
            start = max(self._clock(), self._next_start)
            self._next_start = start + self.limits.spacing
        delay = start - self._clock()
        if delay > 0:
            self._sleep(delay)
        try:
            yield
        finally:
            with self._lock:
                self._in_flight -= 1
                self._lock.notify_all()

    def update(self, limits: Limits) -> None:
        with self._lock:
            self.limits = limits
            self._lock.notify_all()

    def hold(self, seconds: float) -> None:
        """Start nothing for ``seconds`` (the server asked us to back off)."""
        with self._lock:
            self._next_start = max(self._next_start, self._clock() + seconds)


class HttpSeam:
    """GET with timeouts, pacing, retries, a circuit breaker, a run deadline and honest failure."""

    def __init__(
        self,
        limits: Limits,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        connect_timeout: float = CONNECT_TIMEOUT,
        deadline: float = DEFAULT_DEADLINE,
        max_attempts: int = 6,
        backoff_base: float = 0.5,
        backoff_cap: float = 30.0,
        max_retry_after: float = 300.0,
        sleep: Callable[[float], None] | None = None,
        rng: random.Random | None = None,
        notify: Callable[[str], None] | None = None,
    ) -> None:
        self._stop = threading.Event()
        self._sleep = sleep or self._interruptible_sleep
        self.pacer = Pacer(limits, sleep=self._sleep)
        self.timeout = timeout
        self.max_attempts = max_attempts
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.max_retry_after = max_retry_after
        self.stats = Stats()
        self.notify = notify or (lambda message: None)  # told of every retry and wait, for progress displays
        self._rng = rng or random.Random()
        self._client = httpx2.Client(timeout=httpx2.Timeout(timeout, connect=min(connect_timeout, timeout)),
                                     follow_redirects=True)
        self._stats_lock = threading.Lock()
        self._failures_in_a_row = 0
        self._answered = False
        self._ends_at = time.monotonic() + deadline
        self.deadline = deadline
        self.unreachable: str | None = None

    @property
    def limits(self) -> Limits:
        return self.pacer.limits

    def close(self) -> None:
        self._client.close()

    def abort(self) -> None:
        """Stop at once: waits end now, and every request from here on raises ``Interrupted``."""
        self._stop.set()
        self._client.close()  # requests in flight fail instead of running to their timeout

    def _interruptible_sleep(self, seconds: float) -> None:
        if self._stop.wait(seconds):
            raise Interrupted("interrupted")

    def _backoff(self, attempt: int, response: httpx2.Response | None) -> float:
        """Full-jitter exponential backoff, never shorter than the server's Retry-After."""
        delay = self._rng.uniform(0, min(self.backoff_cap, self.backoff_base * 2 ** attempt))
        if response is not None:
            asked = retry_after(response.headers)
            if asked is not None:
                if asked > self.max_retry_after:
                    raise CouldNotCheck(f"server asked to retry after {asked:g} s")
                delay = max(delay, asked)
        return delay

    def _count(self, name: str) -> None:
        with self._stats_lock:
            setattr(self.stats, name, getattr(self.stats, name) + 1)

    def _failed(self, url: str, problem: str) -> None:
        """One more failed attempt in a row; the breaker opens after too many."""
        with self._stats_lock:
            self._failures_in_a_row += 1
            limit = FAILURES_BEFORE_GIVING_UP if self._answered else FAILURES_BEFORE_FIRST_ANSWER
            if self._failures_in_a_row >= limit and not self.unreachable:
                self.unreachable = f"{_host(url)} unreachable: {problem} ({self._failures_in_a_row} times in a row)"
        if self.unreachable:
            raise Unreachable(self.unreachable)

    def _check_open(self) -> None:
        if self._stop.is_set():
            raise Interrupted("interrupted")
        if self.unreachable:
            raise Unreachable(self.unreachable)
        if time.monotonic() > self._ends_at:
            raise DeadlinePassed(f"the run's network deadline ({self.deadline:g} s) has passed")

    def _attempt(self, url: str, params: Mapping[str, Any] | None,
                 headers: Mapping[str, str] | None) -> tuple[httpx2.Response | None, str]:
        """One request: (the response, "") or (None, what went wrong)."""
        with self.pacer.slot():
            self._check_open()
            self._count("requests")
            try:
                return self._client.get(url, params=params, headers=headers), ""
            except httpx2.TimeoutException:
                self._count("timeouts")
                return None, f"no answer within {self.timeout:g} s"
            except (httpx2.ConnectError, httpx2.UnsupportedProtocol) as error:
                return None, f"cannot connect ({error})"
            except (httpx2.TransportError, RuntimeError) as error:
                if self._stop.is_set():
                    raise Interrupted("interrupted") from None
                return None, f"connection failed ({type(error).__name__})"

    def get(self, url: str, params: Mapping[str, Any] | None = None,
            headers: Mapping[str, str] | None = None, **_: Any) -> httpx2.Response:
        """The answer to GET ``url``; raises CouldNotCheck when none could be had."""
        problem = "no attempt made"
        for attempt in range(self.max_attempts):
            self._check_open()
            response, problem = self._attempt(url, params, headers)
            if response is not None:
                self.pacer.update(limits_from_headers(response.headers, self.pacer.limits))
                retry_reason = self._problem(response)
                if retry_reason is None:
                    with self._stats_lock:
                        self._failures_in_a_row, self._answered = 0, True
                    return response
                problem = retry_reason
                with self._stats_lock:
                    self._answered = True  # an HTTP answer, even an error: the host is there
                    if response.status_code == 429:  # throttled, not failing
                        self._failures_in_a_row = 0
                if response.status_code != 429:
                    self._failed(url, problem)
            else:
                self._failed(url, problem)
            if attempt + 1 < self.max_attempts:
                self._count("retries")
                wait = self._backoff(attempt, response)
                if response is not None and response.status_code == 429:
                    self.pacer.hold(wait)
                with self._stats_lock:
                    self.stats.waits.append(wait)
                self.notify(f"retrying in {wait:.1f} s: {problem}")
                self._sleep(wait)
        raise CouldNotCheck(f"{problem} (gave up after {self.max_attempts} attempts)")

    def _problem(self, response: httpx2.Response) -> str | None:
        """Why a response must be retried, or None when it is a usable answer."""
        status = response.status_code
        if status == 429:
            self._count("throttled")
            return "rate limited (HTTP 429)"
        if status in _RETRY_STATUSES:
            self._count("server_errors")
            return f"server error (HTTP {status})"
        if 200 <= status < 300:
            try:
                json.loads(response.content)
            except ValueError:
                self._count("malformed")
                kind = response.headers.get("content-type", "unknown type")
                return f"malformed answer (HTTP {status}, {kind}, not JSON)"
        return None


def _host(url: str) -> str:
    found = re.match(r"https?://([^/]+)", url)
    return found.group(1) if found else url
