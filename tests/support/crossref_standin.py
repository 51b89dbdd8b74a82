"""A Crossref REST API stand-in on 127.0.0.1 for tests and benchmarks (written for refs, not Crossref's code).

It replays work records (the recorded ones in tests/fixtures/crossref-samples and
fixtures labelled as hand-written), answers ``/works/{doi}``, ``/works?filter=doi:...``
and ``/works?query.bibliographic=...`` in Crossref's envelope, sends rate-limit
headers, enforces them (429 when exceeded) and injects faults on request:
429 with or without Retry-After, 503, HTML error pages, truncated JSON,
garbage and slow answers.
"""

from __future__ import annotations

import json
import random
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from tests.support.paths import FIXTURES, SAMPLES

# Error bodies exactly as Crossref sent them (the 429 page was transcribed, see the samples' README).
NOT_FOUND_BODY = (SAMPLES / "error_404_works_unknown-doi.txt").read_bytes()
GATEWAY_TIMEOUT_HTML = (SAMPLES / "error_504_gateway-timeout_2022.html").read_bytes()
TOO_MANY_HTML = (SAMPLES / "error_429_too-many-requests_TRANSCRIBED-from-issue.html").read_bytes()

FAULTS = ("429", "429-retry-after", "503", "html-504", "truncated", "garbage", "slow", "400")
VALIDATION_400 = (SAMPLES / "error_400_validation-failure_field-query-on-doi-route.json").read_bytes()


def sample_records() -> dict[str, dict[str, Any]]:
    """Every work record in the recorded samples, by lower-cased DOI."""
    records: dict[str, dict[str, Any]] = {}
    for path in sorted(SAMPLES.glob("*.json")):
        if path.name.endswith(".headers.json") or path.name.startswith(("agency_", "transform_")):
            continue
        body = json.loads(path.read_text(encoding="utf-8"))
        message = body.get("message") if isinstance(body, dict) else None
        if message is None and isinstance(body, dict) and "DOI" in body:
            message = body  # a saved /works/{doi} message without its envelope
        if not isinstance(message, dict):
            continue
        items = message.get("items") if "items" in message else [message]
        for item in items or []:
            if isinstance(item, dict) and "DOI" in item and item.get("type") != "journal":
                records.setdefault(str(item["DOI"]).lower(), item)
    return records


def fixture_records() -> dict[str, dict[str, Any]]:
    """The hand-written records in tests/fixtures/crossref (a retraction, an expression of concern)."""
    out = {}
    for name in ("retracted.json", "concern.json"):
        record = json.loads((FIXTURES / "crossref" / name).read_text(encoding="utf-8"))
        out[record["DOI"].lower()] = record
    return out


@dataclass
class Logged:
    path: str
    params: dict[str, list[str]]
    status: int
    at: float
    fault: str | None = None
    agent: str = ""


@dataclass
class StandIn:
    records: dict[str, dict[str, Any]]
    limit: int = 10
    interval: float = 1.0
    concurrency: int = 3
    latency: float = 0.0
    header_style: str = "new"  # new: x-rate-limit-*; old: x-ratelimit-* in mixed case; both
    fault_rate: float = 0.0
    fault_kinds: tuple[str, ...] = ("429", "503")
    seed: int = 1
    slow_seconds: float = 3.0
    search: Callable[[str, int], list[dict[str, Any]]] | None = None
    log: list[Logged] = field(default_factory=list)
    script: deque[str] = field(default_factory=deque)  # faults for the next requests, in order

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._arrivals: deque[float] = deque()
        self._in_flight = 0
        self._rng = random.Random(self.seed)
        self._server: ThreadingHTTPServer | None = None

    # -- lifecycle -------------------------------------------------------------------------------
    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @contextmanager
    def running(self) -> Iterator[StandIn]:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                standin._handle(self)

            def log_message(self, format: str, *args: Any) -> None:
                return

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        self._server = server
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            server.shutdown()
            server.server_close()

    # -- bookkeeping -----------------------------------------------------------------------------
    def requests(self, path_prefix: str = "/works") -> list[Logged]:
        with self._lock:
            return [entry for entry in self.log if entry.path.startswith(path_prefix)]

    def throttled(self) -> int:
        return sum(1 for entry in self.log if entry.status == 429 and entry.fault is None)

    def _rate_headers(self) -> dict[str, str]:
        if self.header_style == "old":
            return {"X-Ratelimit-Limit": str(self.limit), "X-Ratelimit-Interval": f"{self.interval:g}s"}
        headers = {
            "x-rate-limit-limit": str(self.limit),
            "x-rate-limit-interval": f"{self.interval:g}s",
            "x-concurrency-limit": str(self.concurrency),
        }
        if self.header_style == "both":
            headers.update({"x-ratelimit-limit": str(self.limit), "x-ratelimit-interval": f"{self.interval:g}s"})
        return headers

    # -- request handling ------------------------------------------------------------------------
    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        split = urlsplit(handler.path)
        params = parse_qs(split.query)
        now = time.monotonic()
        with self._lock:
            while self._arrivals and self._arrivals[0] <= now - self.interval:
                self._arrivals.popleft()
            over_rate = len(self._arrivals) >= self.limit
            self._arrivals.append(now)
            self._in_flight += 1
            over_concurrency = self._in_flight > self.concurrency
            fault = self.script.popleft() if self.script else None
            if fault is None and self.fault_rate and self._rng.random() < self.fault_rate:
                fault = self._rng.choice(self.fault_kinds)
        try:
            if self.latency:
                time.sleep(self.latency)
            if over_rate or over_concurrency:
                status, body, ctype, extra = 429, TOO_MANY_HTML, "text/html", {"Retry-After": "1"}
                fault = None
            elif fault is not None:
                status, body, ctype, extra = self._fault(fault)
            else:
                status, body, ctype, extra = self._answer(split.path, params)
        finally:
            with self._lock:
                self._in_flight -= 1
                self.log.append(Logged(split.path, params, status, now, fault,
                                       handler.headers.get("User-Agent", "")))
        headers = {"Content-Type": ctype, "Content-Length": str(len(body)), **self._rate_headers(), **extra}
        handler.send_response(status)
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(body)

    def _fault(self, fault: str) -> tuple[int, bytes, str, dict[str, str]]:
        if fault == "429":
            return 429, TOO_MANY_HTML, "text/html", {}
        if fault == "429-retry-after":
            return 429, TOO_MANY_HTML, "text/html", {"Retry-After": "1"}
        if fault == "503":
            return 503, b"<html><body>503 Service Unavailable</body></html>", "text/html", {}
        if fault == "html-504":
            return 504, GATEWAY_TIMEOUT_HTML, "text/html", {}
        if fault == "truncated":
            return 200, b'{"status":"ok","message-type":"work-list","message":{"items":[{"DOI":"10.', \
                "application/json", {}
        if fault == "garbage":
            return 200, b"<html><body>Maintenance</body></html>", "text/html", {}
        if fault == "400":
            return 400, VALIDATION_400, "application/json", {}
        if fault == "slow":
            time.sleep(self.slow_seconds)
            return 503, b"late", "text/plain", {}
        raise ValueError(f"unknown fault {fault}")

    def _answer(self, path: str, params: dict[str, list[str]]) -> tuple[int, bytes, str, dict[str, str]]:
        found = re.match(r"^/works/(.+)$", path)
        if found:
            doi = unquote(found.group(1)).lower()
            record = self.records.get(doi)
            if record is None:
                return 404, NOT_FOUND_BODY, "text/plain", {}
            body = {"status": "ok", "message-type": "work", "message-version": "1.0.0", "message": record}
            return 200, json.dumps(body).encode(), "application/json", {}
        if path.rstrip("/") != "/works":
            return 404, NOT_FOUND_BODY, "text/plain", {}
        rows = int(params.get("rows", ["20"])[0])
        items: list[dict[str, Any]]
        if "filter" in params:
            wanted = [part[4:].lower() for part in params["filter"][0].split(",") if part.startswith("doi:")]
            items = [self.records[d] for d in wanted if d in self.records][:rows]
        elif "query.bibliographic" in params:
            query = params["query.bibliographic"][0]
            items = (self.search or self._default_search)(query, rows)
        else:
            items = list(self.records.values())[:rows]
        body = {
            "status": "ok", "message-type": "work-list", "message-version": "1.0.0",
            "message": {"facets": {}, "total-results": len(items), "items": items, "items-per-page": rows,
                        "query": {"start-index": 0, "search-terms": None}},
        }
        return 200, json.dumps(body).encode(), "application/json", {}

    def _default_search(self, query: str, rows: int) -> list[dict[str, Any]]:
        """Rank records by shared title words, as a crude stand-in for Crossref's relevance."""
        words = set(re.findall(r"\w{4,}", query.lower()))
        scored = []
        for record in self.records.values():
            title = " ".join(record.get("title") or [])
            shared = len(words & set(re.findall(r"\w{4,}", title.lower())))
            if shared:
                scored.append((shared, dict(record, score=float(shared))))
        scored.sort(key=lambda pair: -pair[0])
        return [record for _, record in scored[:rows]]
