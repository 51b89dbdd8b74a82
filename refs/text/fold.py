"""One way to fold text for comparison: accents removed, case and punctuation dropped."""

from __future__ import annotations

import re
import unicodedata


def ascii_fold(text: str) -> str:
    """``text`` with diacritics removed and anything outside ASCII dropped ("Müller" -> "Muller")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).encode("ascii", "ignore").decode()


def fold(text: str | None) -> str:
    """Lower case, diacritics removed, punctuation to spaces, whitespace folded."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", ascii_text.lower()).split())


def word_key(text: str) -> str:
    """Only the ASCII letters and digits of ``text``, lower-cased ("O'Brien-Lee" -> "obrienlee")."""
    return re.sub(r"[^a-z0-9]", "", ascii_fold(text).lower())
