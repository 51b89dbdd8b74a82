"""Citation keys in Better BibTeX style: ``auth.lower + year + shorttitle``, e.g. ``cartwright2016longterm``.

The first author's family name (or an organisation's first significant word) folded to ASCII and
lower-cased, the year, and the first title word that is not a stopword. A work without authors takes its
first title word in the author's place and the next one after the year. A key never starts with a digit
(``ref`` is put in front), which BibTeX and pandoc would misread. A clash gets a suffix (a, b, ..., z,
aa, ...), assigned by the store in DOI order, never by the order works were met.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import count

from refs.model import RefEntry
from refs.text.fold import word_key

_STOPWORDS = frozenset(
    "a an and the of on in at to for from by with without about as is are was were "
    "be into onto upon what why how when where which who whose that this these those its it their our your".split()
)


def base_key(family: str | None, organisation: str | None, year: int | None, title: str | None) -> str:
    """The key before any clash suffix."""
    who = ""
    if family:
        who = word_key(family)
    elif organisation:
        words = [w for w in re.split(r"\s+", organisation) if word_key(w) and word_key(w) not in _STOPWORDS]
        who = word_key(words[0]) if words else ""
    words = [w for w in (word_key(word) for word in re.split(r"[\s:;,.?!/]+", title or ""))
             if w and w not in _STOPWORDS]
    if not who:
        lettered = [w for w in words if w[:1].isalpha()]
        if lettered:
            who = lettered[0]
            words.remove(who)
    key = who + (str(year) if year else "") + (words[0] if words else "")
    return key if key[:1].isalpha() else "ref" + key


def suffixes() -> Iterator[str]:
    """"", "a", "b", ..., "z", "aa", ...: what a clashing key gets appended, in order."""
    yield ""
    for n in count(1):
        letters = ""
        while n:
            n, rest = divmod(n - 1, 26)
            letters = chr(ord("a") + rest) + letters
        yield letters


def for_entry(entry: RefEntry) -> str:
    """The base key for the work a parsed reference describes."""
    first = entry.authors[0] if entry.authors else None
    return base_key(first.family if first else None, first.name if first else None, entry.year, entry.title)
