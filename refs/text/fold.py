"""One way to fold text for comparison: accents removed, case and punctuation dropped."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[^\w]+")


@lru_cache(maxsize=1)
def _combining_marks() -> dict[int, None]:
    """The combining marks of the Basic Multilingual Plane, to delete with ``str.translate`` (made once,
    on first use: a few milliseconds)."""
    return {point: None for point in range(0x300, 0x10000) if unicodedata.combining(chr(point))}


def _without_diacritics(text: str) -> str:
    # ASCII text has none to remove (and NFKD leaves it as it is). Otherwise the marks are deleted in one
    # C pass; a character beyond the BMP (rare) takes the character-by-character way.
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    if max(decomposed) <= "\uffff":
        return decomposed.translate(_combining_marks())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def ascii_fold(text: str) -> str:
    """``text`` with diacritics removed and anything outside ASCII dropped ("Müller" -> "Muller")."""
    return _without_diacritics(text).encode("ascii", "ignore").decode()


def fold(text: str | None) -> str:
    """Lower case, diacritics removed, punctuation to spaces, whitespace folded."""
    if not text:
        return ""
    return " ".join(_NON_WORD.sub(" ", _without_diacritics(text).lower()).split())


def word_key(text: str) -> str:
    """Only the ASCII letters and digits of ``text``, lower-cased ("O'Brien-Lee" -> "obrienlee")."""
    return re.sub(r"[^a-z0-9]", "", ascii_fold(text).lower())
