"""Where a passage of an article's text sits in the file it was read from.

Markdown and HTML are rendered to text before claims are found, so a claim's
offsets index the rendering. To point into the file, the claim's letters and
digits are matched in order against the file's visible letters and digits
(HTML tags, comments and character references are not visible): markup
between words does not stop the match, and one pass over the file places
every claim, in order.
"""

from __future__ import annotations

import re

from refs.model import ArticleFormat

# What a reader does not see: a tag, a comment or a character reference in HTML.
# (Markdown link targets stay visible: a DOI link is rendered with its target after its label.)
_HIDDEN = {
    ArticleFormat.HTML: re.compile(r"<!--.*?-->|<(?:script|style)\b[^>]*>.*?</(?:script|style)\s*>|<[^>]{0,5000}>"
                                   r"|&#?\w{1,10};", re.DOTALL | re.IGNORECASE),
}
_ANCHOR = 8  # skeleton characters that must follow each other to start a match
_SLACK = 3  # a match may spread over this many times the claim's letters, plus _SLACK_FIXED characters
_SLACK_FIXED = 400


def _skeleton(text: str, fmt: ArticleFormat) -> tuple[str, list[int]]:
    """The lower-cased letters and digits of ``text`` a reader sees, and each one's offset in ``text``."""
    hidden = _HIDDEN.get(fmt)
    spans = [(m.start(), m.end()) for m in hidden.finditer(text)] if hidden else []
    letters: list[str] = []
    where: list[int] = []
    span = 0
    for index, char in enumerate(text):
        while span < len(spans) and spans[span][1] <= index:
            span += 1
        if span < len(spans) and spans[span][0] <= index:
            continue
        if char.isalnum():
            letters.append(char.lower())
            where.append(index)
    return "".join(letters), where


def locate(original: str, fmt: ArticleFormat, passages: list[str]) -> list[tuple[int, int] | None]:
    """For each passage (in text order), its (start, end) in ``original``, or None where it cannot be
    placed with confidence."""
    skeleton, where = _skeleton(original, fmt)
    cursor = 0
    out: list[tuple[int, int] | None] = []
    for passage in passages:
        wanted = "".join(char.lower() for char in passage if char.isalnum())
        if not wanted:
            out.append(None)
            continue
        start = skeleton.find(wanted[:_ANCHOR], cursor)
        if start < 0:
            start = skeleton.find(wanted[:_ANCHOR])  # passages may repeat out of order (a list printed twice)
        if start < 0:
            out.append(None)
            continue
        limit = start + _SLACK * len(wanted) + _SLACK_FIXED
        position, matched = start, 0
        while matched < len(wanted) and position < min(limit, len(skeleton)):
            if skeleton[position] == wanted[matched]:
                matched += 1
            position += 1
        if matched < len(wanted):
            out.append(None)
            continue
        out.append((_before(original, where[start], passage), _after(original, where[position - 1] + 1, passage)))
        cursor = position
    return out


def _after(original: str, end: int, passage: str) -> int:
    """``end`` moved over the closing marks the passage ends with ("...numb)." -> ")."), where the file has
    them."""
    tail = passage[len(passage.rstrip("\"'”’)]}.,;:!?")):]
    for char in tail:
        if original[end:end + 1] != char:
            break
        end += 1
    return end


def _before(original: str, start: int, passage: str) -> int:
    """``start`` moved back over the opening marks the passage starts with ("“Emotional..."), where the
    file has them."""
    head = passage[:len(passage) - len(passage.lstrip("\"'“‘([{"))]
    for char in reversed(head):
        if start == 0 or original[start - 1] != char:
            break
        start -= 1
    return start
