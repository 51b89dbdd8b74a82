"""Author lists at the head of a reference, in the orders styles print them.

Vancouver ("Smith AB, Jones C") and APA ("Smith, A. B., & Jones, C. (2015)") are read elsewhere; this
module reads the others: initials first (IEEE: "D. P. Horner, A. J. Healey, and S. P. Kragelund"),
inverted with initials (ACS: "Wu, H.; Hu, L. B."), the first author inverted and the rest in natural
order (Chicago, MLA: "Droettboom, Michael, Ichiro Fujinaga, and Karl MacMillan"), initials without
periods first ("AM Trinkoff, JA Lipscomb"), and full names in natural order ("Stephen Boyd, Neal Parikh,
and Eric Chu"). A list is taken only when it is followed by the end of the author part (a period,
colon or comma and a space, or a parenthesised year): a title is never read as names. Every pattern is
possessive, so a line is read in time linear in its length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from refs.ingest.segments import NAME_WORD, PARTICLE_WORDS
from refs.model import Person

_PARTICLES = rf"(?:(?:{PARTICLE_WORDS}|st\.)\s++){{0,3}}+"
_FAMILY = rf"{_PARTICLES}[A-ZÀ-ÖØ-Þ][\w'’]*+(?:-[A-ZÀ-ÖØ-Þ][\w'’]*+)?"
_INITIALS = r"(?:[A-Z][a-z]?\.\s?-?\s?){1,4}+"  # "D. P. ", "J.-S. ", "M.J.C. "
_GIVEN = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]++(?:-[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]++)?"  # "Joseph", "Jean-Paul"

_INITIALS_FIRST = rf"(?P<i>{_INITIALS})\s*+(?P<f>{_FAMILY})"
_INVERTED_INITIALS = rf"(?P<f>{_FAMILY}),\s*+(?P<i>{_INITIALS})"
# A middle initial may lack its period ("Allen, James F", "Christopher D Manning"), and a given name may
# follow an initial ("J. Christian Gerdes").
_INVERTED_GIVEN = rf"(?P<f>{_FAMILY}),\s++(?P<g>{_GIVEN}(?:\s++(?:{_GIVEN}|[A-Z]\.?+))?(?:\s++[A-Z]\.?+)?)"
# In natural order the family name is written in mixed case: "Vargas Jentzsch IM" is Vancouver's.
_MIXED_FAMILY = rf"{_PARTICLES}{NAME_WORD}"
_NATURAL = rf"(?P<g>(?:[A-Z]\.\s?)?+{_GIVEN}(?:\s++(?:[A-Z]\.?+|{_GIVEN}))?)\s++(?P<f>{_MIXED_FAMILY})"
_BARE_INITIALS_FIRST = rf"(?P<i>[A-Z]{{1,3}}+)\s++(?P<f>{_FAMILY})"

# "and" may follow the space an initial took with it ("Hashimoto, K. and M. Kano").
_SEPARATOR = r"(?:\s*+;\s*+(?:and\s++|&\s*+)?|,\s*+(?:and\s++|&\s*+)?|(?:(?<=\s)|\s++)(?:and|&)\s++)"
_ET_AL = r"(?:,?\s*+(?:et\s++al\.?|and\s++others))?"
# What may follow the list: the end of the author part.
# Where a list ends: punctuation and a space, a parenthesis or a quoted title, the space after an initial's
# period ("Conard, Joseph W. An Introduction", "Moggi, E. Computational"), or a year ("Parker 2012 Title").
_END = (r"(?=[.:,;]\s|[.:]$|\s*+\(|\s*+[“\"«]|\s*+``|(?<=\b[A-Z]\.)\s|(?<=\b[A-Z]\.\s)"
        r"|\s++(?:1[5-9]|20)\d\d[a-z]?[.,:]?\s)")


def _strip_groups(pattern: str) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


def _list(first: str, rest: str, minimum: int = 1) -> re.Pattern[str]:
    more = "*+" if minimum <= 1 else f"{{{minimum - 1},}}+"
    return re.compile(rf"^(?:{_strip_groups(first)})(?:{_SEPARATOR}(?:{_strip_groups(rest)})){more}{_ET_AL}{_END}")


# (style name, the whole list), tried in turn; the longest match wins.
_STYLES = [
    ("initials-first", _list(_INITIALS_FIRST, _INITIALS_FIRST)),
    ("inverted-initials", _list(_INVERTED_INITIALS, _INVERTED_INITIALS)),
    ("first-inverted", _list(f"(?:{_INVERTED_GIVEN}|{_INVERTED_INITIALS})", f"(?:{_NATURAL}|{_INITIALS_FIRST})")),
    ("bare-initials-first", _list(_BARE_INITIALS_FIRST, _BARE_INITIALS_FIRST, minimum=2)),
    ("natural", _list(_NATURAL, _NATURAL, minimum=2)),
]
_SPLIT = re.compile(_SEPARATOR)
_ET_AL_AT_END = re.compile(rf"{_ET_AL}$")


@dataclass(frozen=True)
class LeadingAuthors:
    """Authors read from the head of a reference, whether the list was cut short, and where it ends."""

    authors: list[Person]
    et_al: bool
    end: int
    style: str


def _person(text: str) -> Person | None:
    text = text.strip(" ,;")
    for pattern in (_INVERTED_INITIALS, _INVERTED_GIVEN, _INITIALS_FIRST, _NATURAL, _BARE_INITIALS_FIRST):
        found = re.fullmatch(pattern, text)
        if found:
            given = found.groupdict().get("i") or found.groupdict().get("g")
            return Person(family=found.group("f").strip(), given=" ".join(given.split()) if given else None)
    return None


def _all_capitals(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def leading_authors(text: str) -> LeadingAuthors | None:
    """The longest author list at the start of ``text`` in one of the styles above, or None."""
    best: tuple[int, str] | None = None
    for name, pattern in _STYLES:
        found = pattern.match(text)
        if found and (best is None or found.end() > best[0]):
            best = (found.end(), name)
    if best is None:
        return None
    end, style = best
    listed = text[:end]
    et_al = bool(_ET_AL_AT_END.search(listed)) and bool(re.search(r"et\s+al|and\s+others", listed))
    listed = _ET_AL_AT_END.sub("", listed)
    people = []
    # Split at separators, but a comma inside "Family, Initials" or "Family, Given" belongs to the name.
    pieces = _SPLIT.split(listed)
    index = 0
    while index < len(pieces):
        piece = pieces[index].strip()
        inverted_allowed = style in ("inverted-initials", "first-inverted")
        if inverted_allowed and index + 1 < len(pieces):
            joined = f"{piece}, {pieces[index + 1].strip()}"
            if re.fullmatch(_INVERTED_INITIALS, joined) or re.fullmatch(_INVERTED_GIVEN, joined):
                piece, index = joined, index + 1
        person = _person(piece)
        if person is None:
            return None
        people.append(person)
        index += 1
    if not people or (style == "first-inverted" and _all_capitals(people[0].family or "")):
        return None  # "WHO, Geneva": an organisation and a place, not a person
    return LeadingAuthors(people, et_al, end, style)
