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

DEFAULT_TIMEOUT = 20.0
_RETRY_STATUSES = {429, 500, 502, 503, 504}
_CONNECT_FAILURES_BEFORE_GIVING_UP = 2


class CouldNotCheck(RefsError):
    """The request did not get an answer that can be used; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Unreachable(CouldNotCheck):
    """The host cannot be reached at all (no network, DNS failure, refused)."""


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
    """GET with timeouts, pacing, retries and honest failure."""

    def __init__(
        self,
        limits: Limits,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        max_attempts: int = 6,
        backoff_base: float = 0.5,
        backoff_cap: float = 30.0,
        max_retry_after: float = 300.0,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self.pacer = Pacer(limits, sleep=sleep)
        self.timeout = timeout
        self.max_attempts = max_attempts
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.max_retry_after = max_retry_after
        self.stats = Stats()
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._client = httpx2.Client(timeout=timeout, follow_redirects=True)
        self._stats_lock = threading.Lock()
        self._connect_failures = 0
        self.unreachable: str | None = None

    @property
    def limits(self) -> Limits:
        return self.pacer.limits

    def close(self) -> None:
        self._client.close()

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

    def get(self, url: str, params: Mapping[str, Any] | None = None,
            headers: Mapping[str, str] | None = None, **_: Any) -> httpx2.Response:
        """The answer to GET ``url``; raises CouldNotCheck when none could be had."""
        if self.unreachable:
            raise Unreachable(self.unreachable)
        problem = "no attempt made"
        for attempt in range(self.max_attempts):
            response: httpx2.Response | None = None
            with self.pacer.slot():
                self._count("requests")
                try:
                    response = self._client.get(url, params=params, headers=headers)
                except httpx2.TimeoutException:
                    self._count("timeouts")
                    problem = f"timed out after {self.timeout:g} s"
                except (httpx2.ConnectError, httpx2.UnsupportedProtocol) as error:
                    self._connect_failures += 1
                    problem = f"cannot connect ({error})"
                    if self._connect_failures >= _CONNECT_FAILURES_BEFORE_GIVING_UP:
                        self.unreachable = f"{_host(url)} unreachable: {error}"
                        raise Unreachable(self.unreachable) from None
                except httpx2.TransportError as error:
                    problem = f"connection failed ({type(error).__name__})"
            if response is not None:
                self._connect_failures = 0
                self.pacer.update(limits_from_headers(response.headers, self.pacer.limits))
                retry_reason = self._problem(response)
                if retry_reason is None:
                    return response
                problem = retry_reason
            if attempt + 1 < self.max_attempts:
                self._count("retries")
                wait = self._backoff(attempt, response)
                if response is not None and response.status_code == 429:
                    self.pacer.hold(wait)
                with self._stats_lock:
                    self.stats.waits.append(wait)
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
