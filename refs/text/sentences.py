"""Split an article body into paragraphs and sentences, with character offsets.

Copes with abbreviations ("et al.", "Dr.", "e.g."), decimals, initials,
domains, and scraped text where a sentence runs into the next with no
space ("well-being.People who...", "Harmful?Detachment is...").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from refs.text.patterns import FURNITURE

_ABBREVIATIONS = (
    "dr", "mr", "mrs", "ms", "prof", "sr", "jr", "st", "vs", "etc", "fig", "figs", "no", "vol", "approx",
    "al", "inc", "ltd", "co", "dept", "univ", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "ph", "mt", "ft", "u.s", "u.k", "e.g", "i.e", "p", "pp", "ed", "eds", "est",
    "spp", "ssp", "subsp", "cf", "ca", "viz",  # "Geocoris spp. (Eubanks, 1999)", "cf. Smith", "ca. 1850"
)
_ABBREVIATION_BEFORE = re.compile(
    r"(?:^|[\s(\[])(?:" + "|".join(re.escape(a) for a in _ABBREVIATIONS) + r")$", re.IGNORECASE
)
# A sentence ends at . ! or ? (and any closing quotes or brackets) when the next
# sentence starts: an upper-case letter, an opening quote, or a digit after a space.
# Matches start only at the first mark of a run and take the run whole, so a long run of marks is
# read once (not once per mark).
# Citation markers printed after the mark ("...in 1616.[12][13] Tasman") belong to the sentence they end, and
# so do superscript numbers flattened by scraping after a word's or a percentage's period ("...now use.1 Trials",
# "...by 29%.2,3 Early"); after a number's period they would be a decimal ("2.5 Million").
_END = re.compile(
    r"(?<![.!?])[.!?]++[\"'”’)\]]*+(?:\[[\w ,–-]{1,15}\](?::\s?[\w.–-]{1,12})?)*+"
    r"(?:(?<=[a-z%]\.)\d{1,3}+(?:[,–-]\d{1,3}+)*+(?=\s++[A-Z]))?"
    r"(?=\s+[\"“‘(\[]?[A-Z0-9]|[\"“‘]?[A-Z][a-z])"
)
_INITIAL = re.compile(r"(?:^|\s)[A-Z]$")
_HEADING_MAX_WORDS = 12


@dataclass(frozen=True)
class Sentence:
    """A sentence with its offsets in the text and the paragraph (line) it belongs to."""

    text: str
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True)
class Paragraph:
    text: str
    start: int
    index: int
    is_heading: bool


def is_heading(line: str) -> bool:
    """A short line without closing punctuation: a heading or page furniture, not prose."""
    stripped = line.strip().lstrip("#").strip()
    if not stripped:
        return False
    if stripped.endswith((".", "!", ":", ";", ",", "”", "\"")):
        return False
    return len(stripped.split()) <= _HEADING_MAX_WORDS


# The sections of a research paper (IMRaD), by the headings that name them ("2. Materials and Methods").
_SECTIONS = (("introduction", "background"), ("methods", "materials and methods", "methods and materials",
             "experimental procedures", "methodology"), ("results", "results and discussion"),
             ("discussion", "conclusion", "conclusions", "results and discussion"))
_NUMBERING = re.compile(r"^(?:\d{1,2}\.?|[IVX]{1,4}\.)\s++")


def research_paper(paragraphs_: Iterable[Paragraph]) -> bool:
    """Whether headings name three of a research paper's four sections (introduction, methods, results,
    discussion): a text that cites its sources many times and in groups, not once each in turn."""
    named: set[int] = set()
    for para in paragraphs_:
        if para.is_heading:
            heading = _NUMBERING.sub("", para.text.strip().lstrip("#").strip()).lower()
            named.update(index for index, names in enumerate(_SECTIONS) if heading in names)
    return len(named) >= 3


def paragraphs(text: str, stop_line: int | None = None) -> Iterator[Paragraph]:
    """Non-empty lines up to ``stop_line`` (the reference section), skipping page furniture."""
    offset = 0
    for index, line in enumerate(text.split("\n")):
        if stop_line is not None and index >= stop_line:
            break
        stripped = line.strip()
        if stripped and not FURNITURE.match(stripped.lstrip("#").strip()):
            yield Paragraph(text=line, start=offset, index=index, is_heading=is_heading(line))
        offset += len(line) + 1


def _ends(text: str) -> Iterator[int]:
    for match in _END.finditer(text):
        end = match.end()
        mark = match.start()
        window = max(0, mark - 10)
        abbreviation = _ABBREVIATION_BEFORE.search(text, window, mark)
        if text[mark] == "." and (abbreviation or _INITIAL.search(text, window, mark)):
            # "Dr. Smith", "e.g. Sertraline", "J. Smith": not an end. Glued to the next word
            # with no space it is scraping ("et al.Dynamic"), except after "e.g."-like forms.
            if text[end:end + 1].isspace():
                continue
            if abbreviation and not abbreviation.group().lower().endswith("al"):
                continue
        yield end


def split(paragraph: str, offset: int = 0, index: int = 0) -> list[Sentence]:
    """Sentences of one paragraph; offsets are relative to the whole text when ``offset`` is given."""
    sentences: list[Sentence] = []
    start = 0
    for end in [*_ends(paragraph), len(paragraph)]:
        piece = paragraph[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            body = piece.strip()
            sentences.append(Sentence(body, offset + start + lead, offset + start + lead + len(body), index))
        start = end
    return sentences
