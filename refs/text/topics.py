"""Topical similarity between a claim and a source: shared content words, weighted by rarity."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

_STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has
have having he her here hers herself him himself his how i if in into is it its itself just me more
most my myself no nor not now of off on once only or other our ours ourselves out over own same she
should so some such than that the their theirs them themselves then there these they this those
through to too under until up very was we were what when where which while who whom why will with
would you your yours yourself yourselves may might must shall one two three many much often however
although though even well like use used using new study studies research researchers found find show
shown shows suggest suggests reported report people per cent percent among within without including
include includes based via versus vs et al can't don't year years month months week weeks day days
time times effect effects
""".split())
_WORD = re.compile(r"[a-z][a-z'’-]{2,}")
_SUFFIXES = (
    ("ically", "ic"), ("ations", "ate"), ("ation", "ate"), ("nesses", ""), ("ness", ""), ("ments", ""),
    ("ment", ""), ("ingly", ""), ("ings", ""), ("ing", ""), ("edly", ""), ("ies", "y"), ("ied", "y"), ("ed", ""),
    ("ally", "al"), ("ly", ""), ("es", ""), ("s", ""), ("al", ""),
)
_MIN_STEM = {"al": 5}


def _strip_once(word: str) -> str:
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM.get(suffix, 4):
            return word[: -len(suffix)] + replacement
    return word


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix-stripping stem: 'detachment', 'detaching' and 'detach' share 'detach';
    'emotionally', 'emotional' and 'emotions' share 'emotion'."""
    word = word.strip("'’-")
    return _strip_once(_strip_once(word))


def terms(text: str) -> set[str]:
    """Content-word stems of ``text``."""
    out: set[str] = set()
    for word in _WORD.findall(text.lower()):
        for part in word.split("-"):
            if len(part) >= 3 and part not in _STOPWORDS:
                out.add(stem(part))
    return out


class Scorer:
    """Scores how much of a claim's topic a source document covers, with weights from the source set."""

    def __init__(self, documents: Iterable[set[str]]) -> None:
        self.documents = list(documents)
        frequency: Counter[str] = Counter()
        for document in self.documents:
            frequency.update(document)
        count = len(self.documents)
        self._idf = {term: math.log((count + 1) / (df + 0.5)) + 0.1 for term, df in frequency.items()}
        self._unseen = math.log((count + 1) / 0.5) + 0.1

    def idf(self, term: str) -> float:
        return self._idf.get(term, self._unseen)

    def score(self, claim: set[str], document: set[str]) -> tuple[float, list[str]]:
        """Share (0-1) of the claim's weighted terms that the document has, and the shared terms."""
        shared = self._ranked(claim & document)
        if not shared:
            return 0.0, []
        return math.fsum(self.idf(t) for t in shared) / self._weight(claim), shared

    def overlap(self, claim: set[str], document: set[str]) -> tuple[float, list[str]]:
        """Share (0-1) of the smaller side's weight that both share: a short title whose words a long
        sentence holds scores as high as a sentence made of a title's words."""
        shared = self._ranked(claim & document)
        if not shared:
            return 0.0, []
        return self._share([self.idf(t) for t in shared], self._weight(claim), self._weight(document)), shared

    def overlaps(self, claims: list[set[str]], documents: list[set[str]]) -> dict[tuple[int, int], tuple[float, int]]:
        """``overlap``'s share and the number of shared terms for every (claim, document) pair that shares
        a term, found through the terms (a sentence shares words with few of an article's sources) rather
        than by comparing every pair."""
        holders: dict[str, list[int]] = {}
        for j, document in enumerate(documents):
            for term in document:
                holders.setdefault(term, []).append(j)
        document_weight = [self._weight(document) for document in documents]
        found: dict[tuple[int, int], tuple[float, int]] = {}
        for i, claim in enumerate(claims):
            shared: dict[int, list[float]] = {}
            for term in claim:
                for j in holders.get(term, ()):
                    shared.setdefault(j, []).append(self.idf(term))
            if shared:
                claim_weight = self._weight(claim)
                for j, weights in shared.items():
                    weights.sort(reverse=True)
                    found[(i, j)] = (self._share(weights, claim_weight, document_weight[j]), len(weights))
        return found

    def _ranked(self, shared: set[str]) -> list[str]:
        """Shared terms, rarest first (alphabetically among equals: a set's order changes from one process
        to the next, and evidence must not)."""
        return sorted(shared, key=lambda t: (-self.idf(t), t))

    def _weight(self, terms_: set[str]) -> float:
        # fsum: exact whatever the order a set gives its terms in, so a score is the same in every process.
        return math.fsum(self.idf(t) for t in terms_)

    @staticmethod
    def _share(shared_weights: list[float], claim_weight: float, document_weight: float) -> float:
        """Shared weight over the smaller side's (weights summed largest first, by both ways in)."""
        return min(1.0, math.fsum(shared_weights) / min(claim_weight, document_weight))
