"""Crossref through habanero: batched DOI lookups, single confirmations, bibliographic search.

habanero builds the requests and reads the answers; this module is the one
adapter between it and refs' HTTP seam (``refs.crossref.transport``), so every
call is paced, timed out and retried there, and the rate-limit headers of every
response are read. habanero sends its requests with module-level
``httpx2.get`` calls; the adapter replaces that module reference, in
habanero's two request modules, by a proxy that sends ``get`` to the seam of
the refs client making the call and anything else (including calls from other
code in the same process) to the real library. It is installed when the
first client is made, not on import. If habanero no longer has those calls,
or answers without going through the seam, refs stops with
``SeamUnavailable`` rather than send unpaced requests. habanero is pinned
below 3.0, which renames ``filter``.
"""

from __future__ import annotations

import importlib
import os
import threading
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlsplit

import habanero
import httpx2

from refs.crossref import ENV_BASE_URL, ENV_DEADLINE, ENV_MAILTO, ENV_TIMEOUT
from refs.crossref.transport import DEFAULT_DEADLINE, DEFAULT_TIMEOUT, CouldNotCheck, HttpSeam, Limits
from refs.errors import ConfigError, RefsError

DEFAULT_BASE_URL = "https://api.crossref.org"

# Published limits (December 2025) until the first response says otherwise.
PUBLIC_POOL = Limits(requests=5, interval=1.0, concurrency=1)
POLITE_POOL = Limits(requests=10, interval=1.0, concurrency=3)
MAX_URL_LENGTH = 4000
MAX_BATCH = 100
# habanero's modules that send requests with ``httpx2.get``.
HABANERO_REQUEST_MODULES = ("habanero.request", "habanero.request_class")

T = TypeVar("T")
_active = threading.local()
_install_lock = threading.Lock()


class SeamUnavailable(RefsError):
    """habanero's requests cannot be routed through refs' HTTP seam (habanero changed how it sends them)."""


class _HttpThroughSeam(types.ModuleType):
    """Stands in for habanero's HTTP library: ``get`` goes to the active seam, the rest is the library."""

    def __init__(self, real: types.ModuleType) -> None:
        super().__init__(real.__name__)
        self._real = real

    def get(self, url: str, **kwargs: Any) -> httpx2.Response:
        seam: HttpSeam | None = getattr(_active, "seam", None)
        if seam is None:
            # habanero used directly by other code in the same process behaves as before.
            return self._real.get(url, **kwargs)  # type: ignore[no-any-return]
        return seam.get(url, params=kwargs.get("params"), headers=kwargs.get("headers"))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


def install_seam() -> None:
    """Route habanero's HTTP calls through refs' seam (once per process); SeamUnavailable when it cannot."""
    version = getattr(habanero, "__version__", "?")
    with _install_lock:
        for name in HABANERO_REQUEST_MODULES:
            try:
                module = importlib.import_module(name)
            except ImportError:
                raise SeamUnavailable(f"habanero {version} has no module {name}: refs cannot pace its Crossref "
                                      "requests and will not send them unpaced") from None
            current = getattr(module, "httpx2", None)
            if isinstance(current, _HttpThroughSeam):
                continue
            if not isinstance(current, types.ModuleType) or not callable(getattr(current, "get", None)):
                raise SeamUnavailable(f"habanero {version} no longer sends requests with {name}.httpx2.get: refs "
                                      "cannot pace its Crossref requests and will not send them unpaced")
            module.httpx2 = _HttpThroughSeam(current)  # type: ignore[attr-defined]


class NotFound(Exception):
    """Crossref answered 404 for this DOI."""


@dataclass
class Settings:
    base_url: str
    mailto: str | None
    timeout: float = DEFAULT_TIMEOUT
    deadline: float = DEFAULT_DEADLINE

    def __post_init__(self) -> None:
        parts = urlsplit(self.base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ConfigError(f"Crossref base URL {self.base_url!r} is not an http(s) URL (set ${ENV_BASE_URL} "
                              f"to one, e.g. {DEFAULT_BASE_URL}, or unset it)")

    @classmethod
    def from_env(cls, mailto: str | None = None, base_url: str | None = None) -> Settings:
        return cls(
            base_url=(base_url or os.environ.get(ENV_BASE_URL) or DEFAULT_BASE_URL).rstrip("/"),
            mailto=mailto or os.environ.get(ENV_MAILTO) or None,
            timeout=_seconds(ENV_TIMEOUT, DEFAULT_TIMEOUT),
            deadline=_seconds(ENV_DEADLINE, DEFAULT_DEADLINE),
        )


def _seconds(variable: str, default: float) -> float:
    value = os.environ.get(variable)
    if not value:
        return default
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not seconds > 0:
        raise ConfigError(f"${variable}={value!r} is not a positive number of seconds")
    return seconds


def batches(dois: list[str], max_length: int = MAX_URL_LENGTH, max_size: int = MAX_BATCH) -> Iterator[list[str]]:
    """Split DOIs so each ``filter=doi:A,doi:B,...`` request URL stays under ``max_length``."""
    batch: list[str] = []
    length = 0
    for doi in dois:
        # 'doi:' + DOI + ',' percent-encoded at worst three characters per special character.
        cost = 5 + len(doi) + 2 * sum(1 for c in doi if not c.isalnum() and c not in "-._~")
        if batch and (length + cost > max_length - 200 or len(batch) >= max_size):
            yield batch
            batch, length = [], 0
        batch.append(doi)
        length += cost
    if batch:
        yield batch


class CrossrefClient:
    """Crossref lookups; each method raises CouldNotCheck when it gets no usable answer."""

    def __init__(self, settings: Settings, seam: HttpSeam | None = None) -> None:
        self.settings = settings
        install_seam()
        limits = POLITE_POOL if settings.mailto else PUBLIC_POOL
        self.seam = seam or HttpSeam(limits, timeout=settings.timeout, deadline=settings.deadline)
        self._cr = habanero.Crossref(base_url=settings.base_url, mailto=settings.mailto,
                                     timeout=int(settings.timeout))

    @contextmanager
    def _through_seam(self) -> Iterator[None]:
        previous = getattr(_active, "seam", None)
        _active.seam = self.seam
        try:
            yield
        finally:
            _active.seam = previous

    def _call(self, request: Callable[[], T]) -> T:
        """Run one habanero call through the seam; an answer that did not pass through it is refused."""
        with self._through_seam():
            before = self.seam.stats.requests
            answer = request()
        if self.seam.stats.requests == before:
            raise SeamUnavailable("habanero answered without sending its request through refs' HTTP seam; "
                                  "refs will not send unpaced requests")
        return answer

    def works_by_doi(self, dois: list[str]) -> dict[str, dict[str, Any]]:
        """Records for a batch of DOIs, by lower-cased DOI; DOIs Crossref lacks are absent."""
        items = self._listing(lambda: self._cr.works(filter={"doi": list(dois)}, limit=max(len(dois), 1)),
                              "the batch request")
        wanted = {d.lower() for d in dois}
        found: dict[str, dict[str, Any]] = {}
        for item in items:
            if isinstance(item, dict) and str(item.get("DOI", "")).lower() in wanted:
                found[str(item["DOI"]).lower()] = item
        return found

    def work(self, doi: str) -> dict[str, Any]:
        """The record of one DOI; NotFound on 404."""
        try:
            answer = self._call(lambda: self._cr.works(ids=doi))
        except httpx2.HTTPStatusError as error:
            if error.response.status_code == 404:
                raise NotFound(doi) from None
            raise CouldNotCheck(f"HTTP {error.response.status_code} for {doi}") from None
        except habanero.RequestError as error:
            if error.status_code == 404:
                raise NotFound(doi) from None
            raise CouldNotCheck(f"Crossref refused {doi}: {error}") from None
        message = _message(answer)
        if "DOI" not in message:
            raise CouldNotCheck(f"Crossref answered for {doi} without a work record")
        return message

    def search(self, reference: str, rows: int = 5) -> list[dict[str, Any]]:
        """Candidate records for a free-text reference (``query.bibliographic``)."""
        items = self._listing(lambda: self._cr.works(query_bibliographic=reference[:1000], limit=rows),
                              "the search")
        return [item for item in items if isinstance(item, dict)]

    def _listing(self, request: Callable[[], Any], what: str) -> list[Any]:
        """The items of a list request (a batch or a search); a 404 there means the base URL is wrong."""
        try:
            answer = self._call(request)
        except habanero.RequestError as error:
            if error.status_code == 404:
                raise self._wrong_address() from None
            raise CouldNotCheck(f"Crossref refused {what}: {error}") from None
        except httpx2.HTTPStatusError as error:
            if error.response.status_code == 404:
                raise self._wrong_address() from None
            raise CouldNotCheck(f"HTTP {error.response.status_code} for {what}") from None
        items = _message(answer).get("items")
        if not isinstance(items, list):
            raise CouldNotCheck(f"Crossref answered {what} without a list of works")
        return items

    def _wrong_address(self) -> ConfigError:
        """The works route itself is missing: the base URL is not Crossref's API."""
        return ConfigError(f"{self.settings.base_url}/works answered 404 (not found): is ${ENV_BASE_URL} "
                           "the address of Crossref's REST API?")

    def close(self) -> None:
        self.seam.close()


def _message(answer: Any) -> dict[str, Any]:
    message = answer.get("message") if isinstance(answer, dict) else None
    if isinstance(message, dict):
        return message
    raise CouldNotCheck("Crossref answered in an unexpected shape")
