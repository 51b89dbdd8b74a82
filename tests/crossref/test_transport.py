"""The HTTP seam's pure parts: limit headers, Retry-After, pacing."""

from __future__ import annotations

import email.utils
import json

import pytest

from refs.crossref.transport import Limits, Pacer, limits_from_headers, retry_after
from tests.support.crossref_standin import SAMPLES

START = Limits(requests=5, interval=1.0, concurrency=1)


@pytest.mark.parametrize(
    "headers, expected",
    [
        ({"x-rate-limit-limit": "10", "x-rate-limit-interval": "1s", "x-concurrency-limit": "3"}, (10, 1.0, 3)),
        ({"X-Ratelimit-Limit": "50", "X-Ratelimit-Interval": "1s"}, (50, 1.0, 1)),  # July 2025, mixed case
        ({"x-rate-limit-limit": "50, 50", "x-rate-limit-interval": "1s, 1s"}, (50, 1.0, 1)),  # sent twice
        ({"x-ratelimit-limit": "100", "x-ratelimit-interval": "500ms"}, (100, 0.5, 1)),
        ({"content-type": "application/json"}, (5, 1.0, 1)),  # nothing announced: keep what we had
    ],
)
def test_limits_from_either_spelling(headers: dict[str, str], expected: tuple[int, float, int]) -> None:
    limits = limits_from_headers(headers, START)
    assert (limits.requests, limits.interval, limits.concurrency) == expected


def test_recorded_polite_and_public_headers() -> None:
    public = json.loads((SAMPLES / "error_404_works_unknown-doi.headers.json").read_text())
    flat = {k: v[0] for k, v in public.items()}
    assert limits_from_headers(flat, Limits(10, 1.0, 3)) == Limits(5, 1.0, 1)
    old = json.loads((SAMPLES / "error_404_works_unknown-doi_2025-07.headers.json").read_text())
    flat_old = {k: (v[0] if isinstance(v, list) else v) for k, v in old.items()}
    assert limits_from_headers(flat_old, START).requests == 50


def test_retry_after_seconds_and_date() -> None:
    assert retry_after({"Retry-After": "3"}) == 3.0
    when = email.utils.formatdate(1_000_060, usegmt=True)
    assert retry_after({"retry-after": when}, now=1_000_000) == pytest.approx(60.0)
    assert retry_after({"retry-after": "soon"}) is None
    assert retry_after({}) is None


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.starts: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_pacer_spaces_request_starts_below_the_limit() -> None:
    clock = FakeClock()
    pacer = Pacer(Limits(requests=10, interval=1.0, concurrency=3), clock=clock, sleep=clock.sleep)
    for _ in range(25):
        with pacer.slot():
            clock.starts.append(clock.now)
    gaps = [b - a for a, b in zip(clock.starts, clock.starts[1:], strict=False)]
    assert min(gaps) >= 0.1
    # Never more than 10 starts in any one-second window.
    for start in clock.starts:
        assert sum(1 for s in clock.starts if start <= s < start + 1.0) <= 10


def test_pacer_hold_delays_the_next_start() -> None:
    clock = FakeClock()
    pacer = Pacer(Limits(requests=10, interval=1.0, concurrency=1), clock=clock, sleep=clock.sleep)
    pacer.hold(2.5)
    with pacer.slot():
        assert clock.now == pytest.approx(2.5)
