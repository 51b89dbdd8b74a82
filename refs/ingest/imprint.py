"""The imprint at the end of a book's or a thesis's reference: who published it, and where.

Three forms are read, each a rule a reader of any style would state:

- place, colon, publisher (Chicago, APA 6, Vancouver): "New York: Academic Press, 1990",
  "Upper Saddle River, NJ: Prentice Hall", "Amsterdam; Boston: Morgan Kaufmann";
- a publisher named as one ("... Press", "... Verlag", "Wiley", ...), then the place (IEEE, math
  styles): "Cambridge University Press, Cambridge, 2010", "Harvard Univ. Press, Cambridge, Mass.";
- a thesis or a report and the institution that holds it: "PhD thesis, Universiteit Twente".

Everything else stays where the parser put it: a container without one of these forms is not
guessed to be a publisher. Every pattern is possessive and reads only the text's last 200
characters, so a reference is read in time linear in its length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from refs.ingest.segments import MONTH

_TAIL = 200
# A capitalised word. A period belongs to it only in initials ("N.Y.", "Alfred A. Knopf"), in the
# abbreviations of names ("Univ.", "Dept.", "St."), or in a short word before a colon, comma or the end
# ("Cambridge, Mass."): a part's end ("Commentary. Englewood Cliffs") is never read as inside a name.
_WORD = (r"(?:(?:Univ|Dept|Inst|Assn|Assoc|Soc|Natl|Nat|Intl|Acad|Publ|Pub|Co|Corp|Bros|St|Ste|Mt|Ft)\.|"
         r"(?:[A-Z]\.)++|[A-Z][a-z]{1,4}+\.(?= ?[:;,]|$)|[A-ZÀ-ÖØ-Þ][\w'’\-]*+)")
# "London", "Upper Saddle River, NJ", "Garden City, N.Y.", "Amsterdam; Boston", "Belo Horizonte, Brazil".
_PLACE = (rf"{_WORD}(?: {_WORD}){{0,3}}+(?:, ?{_WORD}(?: {_WORD})?+)?+"
          rf"(?:(?:;| and| &) {_WORD}(?: {_WORD}){{0,2}}+(?:, ?{_WORD})?+)?+")
# A name joined by lower-case words: "University of North Carolina Press", "John Wiley and Sons, Inc.".
_NAME = (rf"(?:The |the )?{_WORD}(?:(?: (?:of|and|&|for|de|du|des|la|le|di|del|der|und|y|et))?+ {_WORD}){{0,7}}+"
         r"(?:,? (?:Inc|Ltd|Co|LLC|GmbH|S\.A|plc)\.?)?+")
# What may follow an imprint: the year or "n.d.", and an ISBN.
_AFTER = (rf"(?:[,;.]? ?(?:{MONTH},? )?(?:(?P<year>(?:1[5-9]|20)\d\d)[a-z]?|n\. ?d\.?))?+"
          r"(?:[,.]? ?ISBN(?:-1[03])?:? ?[\dXx][\dXx\- ]{8,20}+)?+[ .,;]*+$")
# Words that make a name a publisher's: generic ones, and the names of the largest houses.
_PUBLISHER_WORD = re.compile(
    r"\b(?:Press|Publishers?|Publishing|Publications|Verlag|Verlags\w*|Books|Editions|Éditions|Editora|Editorial|"
    r"Edizioni|Wiley|Springer|Elsevier|Routledge|McGraw-Hill|Prentice[ -]Hall|Kluwer|Birkhäuser|Addison-Wesley|"
    r"Macmillan|Penguin|Longman|Blackwell|Pergamon|Inc\.?|Ltd\.?)(?![\w-])")
_COLON_FORM = re.compile(rf"(?P<place>{_PLACE}) ?: (?P<publisher>{_NAME}){_AFTER}")
_NAMED_FORM = re.compile(rf"(?P<publisher>{_NAME})(?:, (?P<place>{_PLACE}))?+{_AFTER}")
_GENRE = (r"(?P<genre>(?:(?:Unpublished )?(?:Ph\. ?D\.?|PhD|Doctoral|Doctorate|Master'?s|Masters|M\. ?Sc\.?|MSc|"
          r"M\.A\.|MA|Diploma|Bachelor'?s|Habilitation) ?(?:[Tt]hesis|[Dd]issertation)|(?:[Uu]npublished )?"
          r"(?:[Dd]octoral )?[Dd]issertation|[Tt]hesis|Tech(?:nical)?\.? [Rr]ep(?:ort|\.)?(?: [\w./-]{1,30}+)?+|"
          r"[Tt]echnical [Mm]emo(?:randum)?(?: [\w./-]{1,30}+)?+|[Ww]orking [Pp]aper(?: [\w./-]{1,30}+)?+))")
_INSTITUTION = rf"(?P<publisher>{_NAME}(?:, {_NAME}){{0,2}}+)"
_GENRE_FORM = re.compile(rf"{_GENRE}[,.]? {_INSTITUTION}{_AFTER}")
# Where an imprint may start: the start of the text, or after a part's end.
_START = re.compile(r"(?:^|(?<=[.,;)\]] ))(?=[A-ZÀ-ÖØ-Þ(])")
# A container that names a periodical or a meeting is never an imprint.
_SERIAL = re.compile(r"\b(?:Journals?|Proceedings|Transactions|Reviews?|Bulletin|Annals|Letters|Conference|"
                     r"Symposium|Workshop|Magazine|Newspaper|Times|Post|Quarterly|Reports|Advances|Acta|Archives)\b")


@dataclass(frozen=True)
class Imprint:
    """A publisher (and place) found at the end of a text; ``start``: where the imprint began."""

    publisher: str
    place: str | None
    start: int
    genre: str | None = None  # "thesis", "report": what the text said the work is
    year: int | None = None  # the year printed after it


def names_a_serial(text: str) -> bool:
    """Whether ``text`` names a periodical or a meeting ("Nature Reviews: Cancer", "Proceedings of ...")."""
    return _SERIAL.search(text) is not None


def _genre(text: str) -> str:
    lowered = text.lower()
    return "thesis" if "thesis" in lowered or "dissertation" in lowered else "report"


def find(text: str) -> Imprint | None:
    """The imprint that ends ``text``, the earliest reading that spans to its end; None when there is none."""
    offset = max(0, len(text) - _TAIL)
    for start in _START.finditer(text, offset):
        at = start.start()
        genre = _GENRE_FORM.match(text, at)
        if genre:
            return _imprint(genre, at, _genre(genre.group("genre")))
        colon = _COLON_FORM.match(text, at)
        if colon and not _SERIAL.search(colon.group()):
            return _imprint(colon, at)
        named = _NAMED_FORM.match(text, at)
        if named and _PUBLISHER_WORD.search(named.group("publisher")) and not _SERIAL.search(named.group()):
            return _imprint(named, at)
    return None


def _imprint(found: re.Match[str], start: int, genre: str | None = None) -> Imprint:
    place = found.groupdict().get("place")
    year = found.group("year")
    return Imprint(_clean(found.group("publisher")), _clean(place) if place else None, start, genre,
                   int(year) if year else None)


def _clean(value: str) -> str:
    return " ".join(value.split()).strip(" ,;")
