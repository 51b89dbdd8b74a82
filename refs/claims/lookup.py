"""Find claims by figure ("64.5%", "64.5") or by words in any order, ranked by relevance (FTS5, BM25)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from refs.errors import InputError
from refs.store import claims
from refs.store.ledger import Ledger
from refs.text import doi as doi_mod

_NUMBER = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*(%|percent\b|per cent\b)?")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_STOPWORDS = frozenset(
    "a an and are as at be by for from has have in is it of on or that the this to was were with".split()
)


@dataclass(frozen=True)
class Query:
    numbers: list[tuple[float, bool]]  # (value, is a percentage)
    words: list[str]


def parse_query(text: str) -> Query:
    numbers = [(float(m.group(1)), bool(m.group(2))) for m in _NUMBER.finditer(text)]
    rest = _NUMBER.sub(" ", text)
    return Query(numbers=numbers, words=[w.lower() for w in _WORD.findall(rest)])


def find(ledger: Ledger, query: str | None = None, *, unsourced: bool = False, article: str | None = None,
         source_doi: str | None = None, person: str | None = None, author: str | None = None,
         year: int | None = None, limit: int = 50) -> claims.Found:
    """Claims matching ``query`` and the filters, best first (at most ``limit``), each with its article,
    sources and checks; how many match in all, and how many of those were ranked (the newest
    ``claims.RANKED_AT_MOST`` when more match)."""
    normal = None
    if source_doi:
        normal = doi_mod.normalize(source_doi)
        if normal is None:
            raise InputError(f"{source_doi!r} is not a DOI")
    parsed = parse_query(query or "")
    words = [w for w in parsed.words if w not in _STOPWORDS] or parsed.words
    filters = claims.Filters(numbers=tuple(parsed.numbers), unsourced=unsourced, article=article,
                             source_doi=normal, person=person, author=author, year=year)
    return claims.search(ledger, words, filters, limit)


def search(ledger: Ledger, query: str | None = None, *, unsourced: bool = False, article: str | None = None,
           source_doi: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Claims matching ``query`` and the filters, best first, each with its article, sources and checks."""
    return find(ledger, query, unsourced=unsourced, article=article, source_doi=source_doi, limit=limit).claims


def rare_words(ledger: Ledger, words: list[str], count: int = 4, known: dict[str, int | None] | None = None,
               exclude: Sequence[str] = ()) -> list[str]:
    """The ``count`` words of ``words`` that the fewest claims contain (words no claim has are left out);
    claims of the articles in ``exclude`` are not counted.

    The index stores Porter stems, which are (nearly always) prefixes of the word: the longest
    prefix the index knows is the word's stem, and its document count is the word's.
    """
    known = {} if known is None else known  # word -> claims holding it (None: none), shared across calls
    frequency: dict[str, int] = {}
    for word in {w.lower() for w in words if len(w) >= 3 and w.lower() not in _STOPWORDS}:
        if word not in known:
            known[word] = None
            for prefix in [word[:n] for n in range(len(word), 2, -1)]:
                for term in (prefix, prefix[:-1] + "i") if prefix.endswith("y") else (prefix,):
                    known[word] = claims.term_frequency(ledger, term)
                    if known[word] is not None:
                        break
                if known[word] is not None:
                    break
        found = known[word]
        if found is not None and exclude:
            found -= claims.count_matching(ledger, word, exclude)
        if found:
            frequency[word] = found
    return sorted(frequency, key=lambda w: (frequency[w], w))[:count]


def search_sharing(ledger: Ledger, words: list[str], limit: int = 20, exclude: Sequence[str] = (),
                   sourced_only: bool = False) -> list[dict[str, Any]]:
    """Claims that contain at least two of ``words`` (one, when only one is given), best first (among the
    newest ``claims.RANKED_AT_MOST`` when more do); none of the articles in ``exclude``; with
    ``sourced_only``, only claims linked to a source."""
    return claims.search_sharing(ledger, words, limit, exclude, sourced_only)
