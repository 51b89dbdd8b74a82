"""Fetch a web page for ingest: ``refs ingest https://...``.

One GET with requests: connect and read timeouts, at most five redirects, a size limit, the content type
checked (HTML or text) and the declared charset used. Every failure is one clear error: an HTTP error
or a page that is not an article is the user's input (InputError); no answer at all is a failure of the
network (RefsError).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import requests

from refs.errors import InputError, RefsError
from refs.ingest import reader
from refs.model import Article

MAX_BYTES = 10 * 1024 * 1024
TIMEOUT = (5.0, 30.0)  # seconds to connect, seconds between bytes
MAX_REDIRECTS = 5
_TYPES = {"text/html": ".html", "application/xhtml+xml": ".html", "text/plain": ".txt", "text/markdown": ".md",
          "text/x-markdown": ".md"}
_CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)", re.IGNORECASE)


def _name(url: str, suffix: str) -> Path:
    """A file name for the page, from which its article id is made ("www.example.org/a/b" -> ...-a-b)."""
    parts = urlsplit(url)
    stem = re.sub(r"[^A-Za-z0-9]+", "-", f"{parts.hostname or ''}{parts.path}").strip("-") or "page"
    return Path(stem[:80] + suffix)


def fetch(url: str, session: requests.Session | None = None) -> Article:
    """The page at ``url`` as an article (its reference list not yet parsed), its URL kept as its location."""
    session = session or requests.Session()
    session.max_redirects = MAX_REDIRECTS
    try:
        with session.get(url, timeout=TIMEOUT, stream=True, allow_redirects=True,
                         headers={"User-Agent": "refs (a research-literature ledger)"}) as response:
            if response.status_code >= 400:
                raise InputError(f"{url}: the server answered HTTP {response.status_code} {response.reason}")
            kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if kind not in _TYPES:
                raise InputError(f"{url}: not a web page or text ({kind or 'no content type'})")
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > MAX_BYTES:
                raise InputError(f"{url}: larger than {MAX_BYTES // (1024 * 1024)} MB")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_content(64 * 1024):
                size += len(chunk)
                if size > MAX_BYTES:
                    raise InputError(f"{url}: larger than {MAX_BYTES // (1024 * 1024)} MB")
                chunks.append(chunk)
            final = response.url
            charset = _CHARSET.search(response.headers.get("content-type", ""))
    except requests.TooManyRedirects:
        raise InputError(f"{url}: more than {MAX_REDIRECTS} redirects") from None
    except (requests.ConnectionError, requests.Timeout) as error:
        raise RefsError(f"{url}: no answer ({type(error).__name__})") from None
    except requests.RequestException as error:
        raise InputError(f"{url}: cannot fetch ({error})") from None
    article = reader.from_bytes(b"".join(chunks), _name(final, _TYPES[kind]), charset.group(1) if charset else None)
    article.location = final
    return article
