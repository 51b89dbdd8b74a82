"""Everything about DOIs: finding them in text and URLs, normalising, validating.

Normalised form: lower case, URL-decoded, no resolver prefix, no trailing
punctuation that belongs to the surrounding sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import unquote

# Crossref's recommended pattern (matches ~99.5% of registered DOIs), plus the
# old Wiley SICI form that contains '<', '>' and '#'.
_CROSSREF_PATTERN = re.compile(r"^10\.\d{4,9}/[-._;()/:a-z0-9]+$")
_WILEY_SICI_PATTERN = re.compile(r"^10\.1002/[^\s]+$")

_PREFIX = re.compile(
    r"^(?:https?://(?:dx\.)?doi\.org/|doi\.org/|info:doi/|urn:doi:|doi\s*:\s*|doi\s+)",
    re.IGNORECASE,
)

# A DOI candidate in running text: optional resolver/label, then 10.NNNN/ and a
# run of characters that can appear in a DOI (no whitespace, quotes or angle
# brackets; those end it in prose).
_CANDIDATE = re.compile(
    r"(?:https?://(?:dx\.)?doi\.org/|doi\.org/|\bdoi\s*:?\s*)?"
    # A Wiley SICI DOI keeps its angle brackets: 10.1002/(SICI)1097-4636(199706)35:4<417::AID-JBM1>3.0.CO;2-E
    r"(10(?:\.|%2[eE])1002(?:/|%2[fF])\(SICI\)[^\s\"'{}|\\^`]+"
    r"|10(?:\.|%2[eE])\d{4,9}(?:/|%2[fF])[^\s\"'<>{}|\\^`]+)",
    re.IGNORECASE,
)
# In a URL, what follows the DOI is the page's, not the DOI's: a query, a fragment, a file or view suffix.
_URL_QUERY = re.compile(r"[?#][^\s]*$")
_URL_SUFFIX = re.compile(r"(?:[./](?:pdf|html?|full|abstract|epdf|meta|fulltext|xml|epub))+$", re.IGNORECASE)

_TRAILING = ".,;:!?*'\"’”"
_CLOSERS = {")": "(", "]": "[", "}": "{"}

# A scraped page can glue the next reference's author onto the DOI:
# "...0000000000000014Grossman FK", "...1365-2311.1999.00217.xKessler A", "...ps.1849Krügel T",
# "...pl00008143van Dam NM", "...(98)01659-XVeening JW", "...06605.xMcAdams HH", "...90009-E.Rauzon, Mark".
# A capitalised word (with inner capitals or hyphens: "McAdams", "Nik-Zainal", "O'Hare") or a name particle
# at the end of the DOI is that next author when what follows reads as the rest of a name (initials, or a
# comma and a given name), or, right after a digit, when more text follows: "...23748National Alliance".
_GLUED_WORD = re.compile(
    r"(?<=[A-Za-z\d])(?:\.?(?:[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’-]++){1,3}+|(?:van|von|de|der|den|du|da|di|la|le|el|al))$")
_AUTHOR_NEXT = re.compile(
    r"\s+(?:[A-ZÀ-ÖØ-Þ][\w'’-]{0,40}\s+)?[A-Z](?:[a-z]?[A-Z]){0,2}\.?[,\s(.]|,\s*+[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]")
# A year in parentheses at a DOI's end is the next entry's date ("...90262-6(1983). Lytic mode"): SICI
# DOIs put two or six digits in theirs ("(79)", "(199807)").
_GLUED_YEAR = re.compile(r"\((?:1[5-9]|20)\d\d[a-z]?\)$")


# The rest of a DOI that a line break or a space cut off: DOI characters only, starting with a digit or a
# lower-case letter (a capital starts the next entry's author or sentence).
_REST = re.compile(r"[0-9a-z][-._;()/:0-9A-Za-z]*+")
_REST_LINE = re.compile(r"\s*+[0-9a-z][-._;()/:0-9A-Za-z]*+\.?\s*+")
_CUT_ENDS = ".-/_("  # no DOI ends so: one that does was cut
_YEAR_ONLY = re.compile(r"(?:1[5-9]|20)\d\d[a-z]?\.?")


@dataclass(frozen=True)
class DoiMatch:
    """A DOI found in text, with the span of the text it came from."""

    doi: str
    start: int
    end: int


def _strip_trailing(candidate: str) -> str:
    """Drop sentence punctuation and unbalanced closing brackets at the end."""
    while candidate:
        last = candidate[-1]
        if last in _TRAILING or (last in _CLOSERS and candidate.count(last) > candidate.count(_CLOSERS[last])):
            candidate = candidate[:-1]
        else:
            break
    return candidate


def normalize(value: str) -> str | None:
    """Return the normalised DOI in ``value`` (a bare DOI or a DOI URL), or None."""
    text = unquote(value.strip())
    text = _PREFIX.sub("", text).strip()
    text = _strip_trailing(text).lower()
    return text if is_valid(text) else None


def is_valid(doi: str) -> bool:
    """True when ``doi`` (already normalised) has the shape Crossref publishes."""
    return bool(_CROSSREF_PATTERN.match(doi) or _WILEY_SICI_PATTERN.match(doi))


def find(text: str) -> list[DoiMatch]:
    """All DOIs in ``text``, in order, each once, with the span they came from."""
    found: list[DoiMatch] = []
    if "10." not in text and "10%2" not in text:
        return found
    seen: set[str] = set()
    for match in _CANDIDATE.finditer(text):
        raw = match.group(1)
        gap = 0  # the space inside a DOI made whole
        # "10.1111/jsr. 12345": a DOI cut where it cannot end, and its rest after one space.
        if raw[-1] in _CUT_ENDS and text[match.end():match.end() + 1] == " ":
            rest = _REST.match(text, match.end() + 1)
            if rest and not _YEAR_ONLY.fullmatch(rest.group()):  # "doi: 10.1044/x-0345. 2013.": the date
                raw, gap = raw + rest.group(), 1
        # The start of the word the DOI sits in (looked for within a bounded distance: linear time).
        window = max(0, match.start() - 300)
        token_start = max(window - 1, *(text.rfind(c, window, match.start()) for c in " \t\n(<\"'"))
        in_url = "://" in text[token_start + 1:match.start(1)] or text[token_start + 1:match.start(1)].startswith(
            "doi.org/")
        if in_url:
            raw = _URL_QUERY.sub("", raw)
            if "doi.org/" not in text[token_start + 1:match.start(1)].lower():
                raw = _URL_SUFFIX.sub("", raw)  # a publisher's page: /doi/pdf/10.x/y.pdf, /article/10.x/y/full
        raw = _strip_trailing(raw)
        end = match.start(1) + len(raw) + gap
        glued = _GLUED_WORD.search(raw)
        after_digit = glued is not None and raw[glued.start() - 1].isdigit()
        if glued and len(raw) - len(glued.group()) > 8 and (
                _AUTHOR_NEXT.match(text, end) or (after_digit and end < len(text) and text[end] in " \t,;")):
            raw = raw[: glued.start()]
            end = match.start(1) + len(raw) + gap
        year = _GLUED_YEAR.search(raw)
        if year and (end == len(text) or text[end] in " \t.,;"):
            raw = raw[: year.start()]
            end = match.start(1) + len(raw) + gap
        doi = normalize(raw)
        if doi is None:
            continue
        if doi not in seen:
            seen.add(doi)
            found.append(DoiMatch(doi, match.start(), end))
    return found


def join_broken(lines: Iterable[str]) -> Iterator[str]:
    """Lines with a DOI broken across a line break made whole: a line that ends with a DOI and a next line
    holding only its rest ("doi:10.1038/srep18" and "9245.") are one line ("doi:10.1038/srep189245.").
    Lazy: a reader that stops early reads no further."""
    held: str | None = None
    for line in lines:
        if held is not None and _REST_LINE.fullmatch(line) and _ends_with_doi(held):
            held = held.rstrip() + line.strip()
            continue
        if held is not None:
            yield held
        held = line
    if held is not None:
        yield held


def _ends_with_doi(line: str) -> bool:
    line = line.rstrip()
    if "10." not in line[-300:]:
        return False
    found = list(_CANDIDATE.finditer(line, max(0, len(line) - 300)))
    return bool(found) and found[-1].end() == len(line)


def first(text: str) -> str | None:
    """The first DOI in ``text``, or None."""
    matches = find(text)
    return matches[0].doi if matches else None


def to_url(doi: str) -> str:
    """The canonical resolver URL for a normalised DOI."""
    return "https://doi.org/" + doi
