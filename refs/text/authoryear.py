"""The works a text cites by author and year: "(Walker et al., 2017)", "(Mednick and Drummond, 2008; Lovato
2010)", "(Schecter et al. 2003, 2005)", "Smith and Lee (2015) found". For a page that prints no reference
list, these are its sources.

Only citations in their printed shapes are read: a parenthesis whose every part is "Family[, second or et
al.], year", or a name followed by a parenthesised year. A family name is written in mixed case ("COVID
2019" is not one) and is no month or sentence word ("In 2017", "(March 2017)"). Linear in the text's length.
"""

from __future__ import annotations

import re

from refs.model import AuthorYear

# Particles, capitalised at the head of a sentence or a family name ("Van Dam (2014)", "De Wit 1960").
_PARTICLES = r"(?:(?i:van|von|de|der|den|da|di|du|la|le|del|dos|ten|ter)\s++){0,3}+"
_FAMILY = rf"{_PARTICLES}[A-ZÀ-ÖØ-Þ](?=[\w'’-]*?[a-zß-ÿ])[\w'’-]*+"
# "et al." and "and" as citations write them, also in the languages health pages are often written in
# (Spanish, Portuguese, French, German): "Pérez y col.", "e col.", "Dupont et coll.", "Müller u. a.";
# "Pérez y López", "Dupont et Martin", "Müller und Schmidt".
ET_AL = (r"et\s++al\.?|and\s++colleagues|and\s++co-workers|y\s++cols?\.?|e\s++cols?\.?|et\s++coll\.?|"
         r"u\.\s?a\.")
BETWEEN = r"and|&|y|e|et|und"
# A citation key in brackets made of the first author's family name and the year, as documentation sites
# (docutils) print them: "[Kroenke2001]", "[Smith2010b]".
KEY = r"\[(?P<family>[A-Z][A-Za-z'’-]{1,40}+)(?P<year>(?:19|20)\d{2})(?P<suffix>[a-z]?)\]"
_HEAD = (rf"(?P<family>{_FAMILY})(?:\s++(?P<et_al>{ET_AL})|\s*+(?:,\s*+)?(?:{BETWEEN})\s++"
         rf"(?P<second>{_FAMILY}))?")
_YEAR = r"(?P<year>(?:1[5-9]|20)\d\d)(?P<suffix>[a-z]?)"
# More works of the same authors: "Schecter et al. 2003, 2005", "Kamiyama et al., 1995a, b".
MORE_YEARS = re.compile(r",\s*+(?:(?P<year>(?:1[5-9]|20)\d\d)(?P<suffix>[a-z]?)|(?P<letter>[a-z]))(?![\w-])")
_PART = re.compile(rf"\s*+(?:(?:e\.g\.|i\.e\.|see(?:\s++also)?|cf\.|reviewed\s++in),?\s++)?{_HEAD},?\s++{_YEAR}"
                   r"(?P<more>(?:,\s*+(?:(?:1[5-9]|20)\d\d[a-z]?|[a-z])(?![\w-]))*+)\s*+")
_GROUP = re.compile(r"\(([^()]{4,400}+)\)")
_NARRATIVE = re.compile(rf"(?<![\w'’-]){_HEAD}\s++\({_YEAR}\)")
# Capitalised words before a year that name no author: "In 2017", "(March 2017)", "Figure 2016".
NOT_FAMILIES = frozenset({
    "in", "by", "since", "until", "from", "the", "a", "of", "and", "or", "to", "during", "before", "after",
    "between", "around", "about", "than", "early", "late", "mid", "spring", "summer", "autumn", "fall", "winter",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "figure", "fig", "table", "version", "update", "updated", "published", "accessed",
    "retrieved", "est", "circa", "ca", "born", "died", "founded"})


def _works(found: re.Match[str]) -> list[AuthorYear]:
    family = found.group("family")
    if family.split()[-1].lower() in NOT_FAMILIES:
        return []
    first = AuthorYear(family, int(found.group("year")), found.group("suffix"), found.group("second"),
                       bool(found.group("et_al")))
    works = [first]
    more = found.groupdict().get("more") or ""
    for each in MORE_YEARS.finditer(more):
        year = int(each.group("year")) if each.group("year") else works[-1].year
        works.append(AuthorYear(family, year, each.group("suffix") or each.group("letter") or "", first.second,
                                first.et_al))
    return works


def cited(text: str) -> list[AuthorYear]:
    """The distinct works ``text`` cites by author and year, in the order it first cites them."""
    events: list[tuple[int, AuthorYear]] = []
    for group in _GROUP.finditer(text):
        parts = [_PART.fullmatch(part) for part in group.group(1).split(";")]
        if all(parts):  # every part a citation: not "(see Figure 2)" or "(n = 40, 2019 data)"
            events += [(group.start(), work) for part in parts if part for work in _works(part)]
    events += [(found.start(), work) for found in _NARRATIVE.finditer(text) for work in _works(found)]
    seen: dict[tuple[str, str, bool, int | None, str], AuthorYear] = {}
    for _, work in sorted(events, key=lambda event: event[0]):
        key = (work.family.lower(), (work.second or "").lower(), work.et_al, work.year, work.suffix)
        seen.setdefault(key, work)
    return list(seen.values())
