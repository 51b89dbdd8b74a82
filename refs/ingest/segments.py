"""Cut reference text into its period-separated parts and say what each part is.

Reference styles write an entry as parts ended by periods: authors, title,
container with its numbers, locators. Scraped pages drop the space after
those periods and glue entries together, so parts are found by the period
itself, followed by a capital letter, with or without a space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from refs.text import doi as doi_mod
from refs.text.patterns import URL

# Words before a family name, written in lower case: "van der Zee", "Nunes da Fonseca", "ibn Sina".
PARTICLE_WORDS = r"van|von|der|den|de|del|della|di|da|do|du|dos|das|la|las|le|los|ten|ter|bin|ibn|al|el|st"
_PARTICLE = rf"(?:(?:{PARTICLE_WORDS})\s+)"
# A capitalised word with a lower-case letter in it. The word is taken whole (possessive) and
# checked for the lower-case letter by a lookahead, so no split of a long or hyphenated word is
# ever retried: every name pattern below runs in time linear in its input.
NAME_WORD = r"[A-ZÀ-ÖØ-Þ](?=[\w'’\-]*?[a-zß-ÿ])[\w'’\-]*+"
# "van der Zee", "Nunes da Fonseca", "Gómez de las Heras".
FAMILY = rf"{_PARTICLE}*+{NAME_WORD}(?:\s{_PARTICLE}*+{NAME_WORD})?"
INITIALS = r"[A-Z]{1,3}+(?:-[A-Z]{1,2}+)?"
# "Drury WJ III", "Stoeckert CJ Jnr": a generational suffix after the initials.
GENERATION = r"(?:Jnr|Jr|Sr|III|II|IV)\b"
# "Winterer J.": a period after the initials, where the list separates names by commas.
VANCOUVER_ITEM = rf"(?>{FAMILY}\s+{INITIALS}(?:\.(?=,))?(?:\s+{GENERATION}\.?)?)"
_VANCOUVER_NAME = re.compile(rf"^{VANCOUVER_ITEM}$")
_ET_AL_END = re.compile(r",?\s*+et\s++al\.?\s*+$")
_MIN_NAMES = 4  # names a list needs before one written otherwise is let pass
# "Hodgkins R, Bryant R and Brandon M": the last name may follow "and" or "&".
VANCOUVER_LIST = re.compile(
    rf"^{VANCOUVER_ITEM}(?:,\s*{VANCOUVER_ITEM})*(?:,?\s+(?:and|&)\s+{VANCOUVER_ITEM})?(?:,?\s*et\s+al)?\.?$"
)
# APA and Harvard: "Family, A. B., Family, C., & Family, D. (2016)."
APA_INITIALS = r"(?:[A-Z]\.\s*+(?:-\s*+)?)++"
APA_ITEM = rf"{FAMILY},\s*{APA_INITIALS}"
# A month's name, written out or abbreviated ("Sept.", "Dec").
MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
          r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_YEAR_IN_PARENS = re.compile(r"\((?:(?P<year>(?:1[5-9]|20)\d{2})[a-z]?(?:,[^)]*+)?|n\.\s?d\.)\)\.?\s*")


@dataclass(frozen=True)
class AuthorYear:
    """An APA/Harvard head: "Authors (2016). Rest"."""

    authors: str
    year: str | None  # None for "(n.d.)"
    rest: str


def author_year(text: str) -> AuthorYear | None:
    """``text`` split at its first parenthesis when that holds a year (or n.d.) and authors precede it.

    Done with ``str.find`` and one anchored match rather than a lazy pattern, which would rescan a
    long run of spaces before the parenthesis once per space."""
    opening = text.find("(")
    if opening <= 0 or ")" in text[:opening]:
        return None
    found = _YEAR_IN_PARENS.match(text, opening)
    if found is None:
        return None
    authors = text[:opening].rstrip() or text[:opening]
    return AuthorYear(authors, found.group("year"), text[found.end():])


APA_START = re.compile(rf"^{APA_ITEM}")
# Vancouver/AMA publication part: "Journal. 2014 May;22(3):149-161."
PUBINFO = re.compile(
    r"(?P<year>(?:1[5-9]|20)\d{2})(?:\s+(?P<month>[A-Z][a-z]{2,8}\.?)(?:\s+\d{1,2})?)?"
    r"\s*(?:;\s*(?P<volume>[A-Za-z]?\d+[A-Za-z]?)?\s*(?:\((?P<issue>[^)]+)\))?"
    r"\s*(?::\s*(?P<pages>[A-Za-z]?\d+[A-Za-z]?(?:\s*[-–—]\s*[A-Za-z]?\d+[A-Za-z]?)?))?|(?=\.?\s*$))"
)
# APA/Harvard container part: "Journal, 10(2), 1401–1407." or "Journal, 10, pp. 1-7."
CONTAINER_NUMBERS = re.compile(
    r"^(?P<container>[^,]+?),\s*(?:vol\.?\s*)?(?P<volume>\d+[A-Za-z]?)"
    r"(?:\s*\((?P<issue>[^)]+)\))?"
    r"(?:,\s*(?:pp?\.?\s*)?(?P<pages>[A-Za-z]?\d+[A-Za-z]?(?:\s*[-–—]\s*[A-Za-z]?\d+[A-Za-z]?)?))?\.?\s*$"
)
# A short-form note pointing at a full reference (Wikipedia's {{sfn}}, Harvard's short form): "King 2003, p. 41.",
# "Hay, Maclagan & Gordon 2008, pp. 72–5.", "Mein Smith 2005, p. 6."; its family names, year and pages.
SHORT_NOTE = re.compile(
    r"^(?P<names>[A-ZÀ-Þ][\w'’.-]*+(?:(?:,\s|\s&\s|\sand\s|\s)[A-ZÀ-Þ][\w'’.-]*+){0,6})\s(?P<year>(?:1[5-9]|20)\d{2})"
    r"[a-z]?(?:,\s(?:pp?\.\s?)?(?P<pages>[\divxlc]+(?:\s?[-–]\s?[\divxlc]+)?))?\.?$"
)
SHORT_NOTE_NAMES = re.compile(r",\s|\s&\s|\sand\s")
PMID = re.compile(r"\bPMID:?\s*(\d{1,9})\b")
PMCID = re.compile(r"\b(?:PMCID:?\s*)?(PMC\d{3,9})\b")
YEAR = re.compile(r"\b((?:1[6-9]|20)\d{2})\b")
TRAILER = re.compile(
    r"^(?:accessed|updated|published|retrieved|available|epub|pmid|pmcid|cited|last reviewed|"
    r"reviewed|erratum|review\.?$|free full text|full text|pdf|\[internet\])",
    re.IGNORECASE,
)
# Publisher notes printed with a reference list ("X uses only high-quality sources...").
BOILERPLATE = re.compile(
    r"high-quality sources|editorial\s*process|fact-check|peer-reviewed studies|"
    r"to learn more about how we|support the facts|we link to|our content accurate",
    re.IGNORECASE,
)
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Dr|Mr|Mrs|Ms|St|Vol|No|Jr|Sr|vs|Inc|Ltd|Co|Univ|Dept|Ed|Eds)|e\.g|i\.e|U\.S|U\.K)$"
)
_INITIAL_BEFORE = re.compile(r"(?:^|[\s,.\-])[A-Z]$")
_INITIAL_AFTER = re.compile(r"\s*+[A-Z]\.")
# A period (or ? and !), with the quotation mark it closes, before a capital, a bracket or an opening
# quotation mark ('"Is it safe?" Lancet', 'J. "Title'); a quoted title that ends in a question is cut
# after its closing mark and period, not before ('"Where Did Firefox Come From?". Inside Firefox.').
_BOUNDARY = re.compile(r"[.?!](?:[\"”’'](?!\w))?(?=\s*[A-ZÀ-Þ\[]|\s*[\"“‘'](?=[^\s.,;:]))")


class Kind(Enum):
    """What a part of a reference is."""

    AUTHORS = "authors"
    PUBLICATION = "publication"
    LOCATOR = "locator"
    TRAILER = "trailer"
    PLAIN = "plain"


@dataclass(frozen=True)
class Segment:
    """One period-ended part of reference text; ``glued`` when no space preceded it."""

    text: str
    glued: bool
    start: int = 0
    end: int = 0


def _locator_spans(text: str) -> list[tuple[int, int]]:
    """Spans of DOIs and URLs; a DOI or URL ends a reference entry in glued text."""
    spans = [(m.start, m.end) for m in doi_mod.find(text)]
    for match in URL.finditer(text):
        if not any(start <= match.start() < end for start, end in spans):
            spans.append((match.start(), match.end()))
    return spans


def text_before_locator(text: str) -> str:
    """What a part says before its first DOI or URL."""
    spans = _locator_spans(text)
    return text[: min(start for start, _ in spans)] if spans else text


def split(text: str) -> list[Segment]:
    """Cut ``text`` into parts at sentence periods and after DOIs and URLs."""
    spans = _locator_spans(text)
    cuts: set[int] = {end for _, end in spans}
    for match in _BOUNDARY.finditer(text):
        if any(start <= match.start() < end for start, end in spans):
            continue
        period = match.start()
        if _ABBREVIATIONS.search(text, max(0, period - 8), period):
            continue
        # "J. A." in APA author lists: an initial followed by another initial.
        if _INITIAL_BEFORE.search(text, max(0, period - 2), period) and _INITIAL_AFTER.match(text, match.end()):
            continue
        cuts.add(match.end())
    segments: list[Segment] = []
    start = 0
    for cut in [*sorted(cuts), len(text)]:
        if cut <= start:
            continue
        piece = text[start:cut]
        lead = piece.lstrip(".;,")
        body = lead.strip()
        offset = start + len(piece) - len(piece.lstrip(".;, \t\n"))
        if body.strip(".;,"):
            glued = bool(segments) and not lead[0].isspace()
            segments.append(Segment(body, glued, offset, offset + len(body)))
        elif segments and body:
            last = segments[-1]
            segments[-1] = Segment(text[last.start:offset + len(body)], last.glued, last.start, offset + len(body))
        start = cut
    return segments


def vancouver_names(text: str) -> bool:
    """A Vancouver/AMA author list ("Dvir Y, Ford JD, et al."), also where a name or two is written
    otherwise ("Cancer Genome Atlas Research Network", "Kim Js"): the first name and three in four of them
    are "Family AB"."""
    text = text.strip()
    if VANCOUVER_LIST.match(text):
        return True
    items = [item.strip(" .") for item in _ET_AL_END.sub("", text).split(",")]
    items = [item for item in items if item]
    if len(items) < _MIN_NAMES:
        return False
    fits = [bool(_VANCOUVER_NAME.match(item)) for item in items]
    return fits[0] and sum(fits) * 4 >= len(items) * 3


def is_author_list(text: str) -> bool:
    """True for a Vancouver/AMA author list or an APA/Harvard authors-and-year part."""
    text = text.strip()
    if VANCOUVER_LIST.match(text):
        return True
    found = author_year(text)
    return bool(found and not found.rest.strip(" .") and len(found.authors) < 600)


def classify(text: str) -> Kind:
    """Say what a reference part is."""
    stripped = text.strip()
    if doi_mod.find(stripped) or URL.search(stripped) or PMID.search(stripped):
        return Kind.LOCATOR
    if TRAILER.match(stripped):
        return Kind.TRAILER
    if is_author_list(stripped):
        return Kind.AUTHORS
    pub = PUBINFO.search(stripped)
    if pub and (pub.group("volume") or pub.group("pages") or pub.group("issue")):
        return Kind.PUBLICATION
    if CONTAINER_NUMBERS.match(stripped):
        return Kind.PUBLICATION
    if re.match(r"^(?:1[5-9]|20)\d{2}\b", stripped):
        return Kind.PUBLICATION
    return Kind.PLAIN
