"""Citation keys in Better BibTeX style: ``cartwright2016longterm``.

First author's family name (or an organisation's first significant word)
folded to ASCII and lower-cased, the year, and the first title word that is
not a stopword; a clash gets a deterministic suffix (a, b, ...). Keys are
stored with the work when it is created and never regenerated.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Iterator
from itertools import count

from refs.citation import Citation

_STOPWORDS = frozenset(
    "a an and the of on in at to for from by with without about as is are was were "
    "be into onto upon what why how when where which who whose that this these those its it their our your".split()
)


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).encode("ascii", "ignore").decode()


def _word(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", _ascii(text).lower())


def base_key(family: str | None, organisation: str | None, year: int | None, title: str | None) -> str:
    """The key before any clash suffix."""
    who = ""
    if family:
        who = _word(family)
    elif organisation:
        words = [w for w in re.split(r"\s+", organisation) if _word(w) and _word(w) not in _STOPWORDS]
        who = _word(words[0]) if words else ""
    first = ""
    for word in re.split(r"[\s:;,.?!/]+", title or ""):
        folded = _word(word)
        if folded and folded not in _STOPWORDS:
            first = folded
            break
    return (who + (str(year) if year else "") + first) or "ref"


def _suffixes() -> Iterator[str]:
    yield ""
    for n in count(1):
        letters = ""
        while n:
            n, rest = divmod(n - 1, 26)
            letters = chr(ord("a") + rest) + letters
        yield letters


def for_citation(conn: sqlite3.Connection, cit: Citation) -> str:
    """A new, unused key for the work a parsed reference describes."""
    first = cit.authors[0] if cit.authors else None
    base = base_key(first.family if first else None, first.name if first else None, cit.year, cit.title)
    return unique_key(conn, base)


def unique_key(conn: sqlite3.Connection, base: str) -> str:
    """``base`` or ``base`` with the first free suffix (a, b, ..., z, aa, ...)."""
    taken = {row[0] for row in conn.execute(
        "SELECT citation_key FROM works WHERE citation_key >= ? AND citation_key < ?", (base, base + "~"))}
    for suffix in _suffixes():
        if base + suffix not in taken:
            return base + suffix
    raise AssertionError("unreachable")
