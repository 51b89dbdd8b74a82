"""Label every token of a reference with the field it belongs to (author, date, title, journal, volume,
pages, publisher, location, editor, ...).

A linear-chain CRF (CRFsuite, through python-crfsuite) trained on AnyStyle's hand-labelled references
(``data/training/anystyle-core.xml``, BSD-2-Clause), as AnyStyle, GROBID, CERMINE and ParsCit do: where
fields end is learnt from thousands of real references in many styles and languages instead of written
as one pattern per style. ``scripts/train-tagger`` makes the model; ``reference-tagger.json`` beside it
records what it was trained on. Tokens are words and single punctuation marks, so "11:13–18" gives the
volume and the pages apart. Features are the token's own (word, shape, year, initials, month, number,
range, spacing, inside parentheses or quotation marks), its neighbours' within three tokens, and the
word pair before it. Labelling is linear in the reference's length.
"""

from __future__ import annotations

import re
import string
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

# A change to the features makes the shipped model stale: ``reference-tagger.json`` records the version
# it was trained with, and a test holds the two together.
FEATURES_VERSION = 1
MODEL_NAME = "reference-tagger.crfsuite"
TRAINING = {"c1": 0.1, "c2": 0.01, "max_iterations": 300, "feature.possible_transitions": True}

# A period joins a word only before a lower-case letter ("e.g"), between digits ("10.1038") and between
# single capitals ("U.S.A"): "C.Psychological detachment.The Journal.2019" (scraped text that lost its
# spaces) is cut at each of its periods.
_TOKEN = re.compile(r"\w++(?:[-–'’]\w++|\.(?=[a-z])\w++|(?<=\d)\.(?=\d)\w++|(?<=\b[A-Z])\.(?=[A-Z](?!\w))\w)*+|[^\w\s]")
_MONTHS = frozenset(
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august "
    "september october november december".split())
_NO_DATE = frozenset(("n.d", "s.d", "o.j", "s.f"))  # "n.d." and its kin stand where a year would
_OPEN_QUOTES = frozenset("“«‘")
_CLOSE_QUOTES = frozenset("”»’")
_NEIGHBOUR_KEYS = ("w", "s", "year", "ini", "cap", "mon", "num", "rng")
_SHAPE_TABLE = str.maketrans({**{c: "A" for c in string.ascii_uppercase}, **{c: "a" for c in string.ascii_lowercase},
                              **{c: "0" for c in string.digits}})
_DIGIT = re.compile(r"\d")
_RUNS = re.compile(r"(.)\1+")
_YEAR_LIKE = re.compile(r"(?:1[5-9]|20)\d\d[a-z]?")
_RANGE_LIKE = re.compile(r"\w*\d[-–—]\w*\d\w*")
_INITIALS_LIKE = re.compile(r"[A-Z]{1,3}")


class Token(NamedTuple):
    text: str
    start: int
    end: int


class Span(NamedTuple):
    """A run of tokens with one label: ``text[start:end]`` of the labelled string."""

    label: str
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    """Words (with inner hyphens and apostrophes, and periods as ``_TOKEN`` says) and single marks."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _shape(word: str) -> str:
    """"Smith" -> "Aaa", "1401-1407" -> "00-00": letters and digits by kind, runs cut to two."""
    shaped = word.translate(_SHAPE_TABLE)
    if not word.isascii():
        shaped = _DIGIT.sub("0", shaped)  # digits of other scripts, as the pattern \d reads them
    return _RUNS.sub(r"\1\1", shaped)[:8]


@lru_cache(maxsize=65536)
def _own(word: str) -> tuple[tuple[str, str], ...]:
    """The token's own features as (key, value) pairs (cached: references repeat their words)."""
    lower = word.lower()
    found = [("w", lower[:20]), ("s", _shape(word))]
    if len(word) > 3:
        found.append(("suf", lower[-3:]))
    if _YEAR_LIKE.fullmatch(word) or lower in _NO_DATE:
        found.append(("year", ""))
    if _RANGE_LIKE.fullmatch(word):
        found.append(("rng", ""))
    if word.isdigit():
        found.append(("num", str(min(len(word), 5))))
    if lower in _MONTHS:
        found.append(("mon", ""))
    if _INITIALS_LIKE.fullmatch(word):
        found.append(("ini", ""))
    if word[:1].isupper():
        found.append(("cap", ""))
    return tuple(found)


def _name(key: str, value: str) -> str:
    return f"{key}={value}" if value else key


_OFFSETS = (-3, -2, -1, 1, 2, 3)
_EDGES = tuple(f"{offset}:edge" for offset in _OFFSETS)


@lru_cache(maxsize=65536)
def _word(word: str) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """A word's own feature names, and the names it gives its neighbour at each offset (cached whole: the
    features of a reference are mostly these)."""
    pairs = _own(word)
    shared = [_name(k, v) for k, v in pairs if k in _NEIGHBOUR_KEYS]
    return tuple(_name(k, v) for k, v in pairs), tuple(tuple(f"{-o}:{n}" for n in shared) for o in _OFFSETS)


def features(text: str, found: list[Token]) -> list[list[str]]:
    """CRFsuite's binary features for every token of ``text``."""
    words = [_word(t.text) for t in found]
    count = len(found)
    places = [f"p={10 * i // count}" for i in range(count)]
    out: list[list[str]] = []
    parens = quotes = 0
    straight_open = False
    for i, token in enumerate(found):
        row = ["b", places[i], *words[i][0]]
        if token.start and text[token.start - 1] == " ":
            row.append("sb")
        if token.end < len(text) and text[token.end] == " ":
            row.append("sa")
        mark = token.text
        if parens:
            row.append("inp")
        if quotes or straight_open:
            row.append("inq")
        if mark == "(":
            parens += 1
        elif mark == ")" and parens:
            parens -= 1
        elif mark in _OPEN_QUOTES:
            quotes += 1
        elif mark in _CLOSE_QUOTES and quotes:
            quotes -= 1
        elif mark == '"':
            straight_open = not straight_open
        for k, offset in enumerate(_OFFSETS):
            j = i + offset
            # The neighbour at +offset gives this token the names it made for -(-offset).
            row.extend(words[j][1][len(_OFFSETS) - 1 - k] if 0 <= j < count else (_EDGES[k],))
        if i:
            row.append(f"bi={found[i - 1].text.lower()[:12]}|{mark.lower()[:12]}")
        out.append(row)
    return out


def spans(found: list[Token], labels: list[str]) -> list[Span]:
    """Consecutive tokens with one label joined into spans."""
    out: list[Span] = []
    for token, label in zip(found, labels, strict=True):
        if out and out[-1].label == label:
            out[-1] = Span(label, out[-1].start, token.end)
        else:
            out.append(Span(label, token.start, token.end))
    return out


class _Model:
    """The shipped model, opened on first use (once per process, whichever thread asks first)."""

    _lock = threading.Lock()
    _tagger: Any = None

    @classmethod
    def tagger(cls) -> Any:
        with cls._lock:
            if cls._tagger is None:
                import pycrfsuite  # a compiled extension: loaded only when references are parsed

                tagger = pycrfsuite.Tagger()
                with resources.as_file(resources.files("refs.ingest") / "models" / MODEL_NAME) as path:
                    tagger.open(str(path))
                cls._tagger = tagger
            return cls._tagger


def label(text: str) -> list[Span]:
    """The labelled spans of one reference (empty for a text with no token)."""
    return list(_label(text))


@lru_cache(maxsize=4096)
def _label(text: str) -> tuple[Span, ...]:
    # Cached: a list printed twice, a changed article ingested again and a reference many articles cite
    # are labelled once.
    found = tokens(text)
    if not found:
        return ()
    tagger = _Model.tagger()
    with _Model._lock:  # a CRFsuite tagger holds one sequence at a time
        labels = tagger.tag(features(text, found))
    return tuple(spans(found, labels))


def read_labelled(path: Path) -> Iterator[tuple[str, list[tuple[str, int, int]]]]:
    """AnyStyle's labelled references (``<sequence><author>...</author>...``): each as its text, with
    whitespace collapsed, and the (label, start, end) of every labelled part."""
    for sequence in ET.parse(path).getroot().iter("sequence"):
        text, parts = "", []
        for child in sequence:
            value = " ".join((child.text or "").split())
            if not value:
                continue
            if text:
                text += " "
            parts.append((child.tag, len(text), len(text) + len(value)))
            text += value
        yield text, parts


def train(references: Iterable[tuple[str, list[tuple[str, int, int]]]], model: Path) -> int:
    """Train a model on labelled references and write it to ``model``; returns how many were used."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    count = 0
    for text, parts in references:
        found = tokens(text)
        if not found:
            continue
        labels = [next(name for name, start, end in parts if start <= t.start < end) for t in found]
        trainer.append(features(text, found), labels)
        count += 1
    trainer.set_params(TRAINING)
    trainer.train(str(model))
    return count
