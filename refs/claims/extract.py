"""Find the claims in an article body: sentences that state a figure, report a finding, or quote a person.

Reference lists, headings, tables of contents, questions and page furniture
are never claims. A quotation set off by a line "— Dr. Name" is one claim
attributed to that person.
"""

from __future__ import annotations

import re

from refs.claims import figures as figures_mod
from refs.ingest import reflist
from refs.model import Claim, ClaimKind, Figure, Markers
from refs.text import sentences
from refs.text.markers import BRACKET_NUMBERS, bracketed, expand
from refs.text.topics import terms

_FINDING = re.compile(
    r"\b(?:(?:a|an|one|another|the|this|that|recent|new|large|small|previous|further|(?:19|20)\d{2})\s+"
    r"(?:(?:[\w-]+)\s+){0,3}?(?:study|studies|survey|trial|meta-analysis|review|analysis|report|experiment|"
    r"poll|research)\s+(?:has\s+|have\s+)?(?:found|finds|showed|shows|shown|suggested|suggests|reported|reports|"
    r"analy[sz]ed|examined|followed|looked|tested|concluded|revealed|demonstrated|indicated|linked|published)"
    r"|(?:research|studies|evidence|data|scientists|researchers|experts|investigators|trials|surveys)\s+"
    r"(?:has\s+|have\s+|had\s+)?(?:also\s+|consistently\s+|long\s+)?(?:shown|show|found|find|suggested|suggests|"
    r"suggest|demonstrated|demonstrates|indicated|indicates|indicate|revealed|reveals|linked|links|confirmed|"
    r"estimated|estimate|estimates)"
    r"|according to (?:a|the|one|recent|new)\s+(?:[\w-]+\s+){0,2}?(?:study|survey|report|analysis|review|data))\b",
    re.IGNORECASE,
)
_TITLE = r"(?:Dr|Prof|Professor)\.?"
_NAME = r"[A-Z][\w'’.-]+(?:(?:\s+(?:van|von|de|der|den|da|di|du|la|le|del|bin|al))*\s+[A-Z][\w'’.-]+){1,3}"
# "— Dr. Bessel van der Kolk" under a quotation: a dash (not a list bullet) and a full name.
_ATTRIBUTION_LINE = re.compile(
    rf"^\s*(?:[—―]|--|–)\s*(?P<person>(?:{_TITLE}\s+)?{_NAME})\s*(?:,[^.!?]{{0,80}})?$"
)
_INLINE_ATTRIBUTION = re.compile(
    rf"(?:\b(?:said|says|explains|explained|notes|noted|writes|wrote|told|according to)\s+(?P<p1>{_TITLE}\s+{_NAME})"
    rf"|(?P<p2>{_TITLE}\s+{_NAME}),?\s+(?:said|says|explains|explained|notes|noted|writes|wrote|told|"
    rf"suggests|suggested|argues|argued|warns|warned))"
)
_CONTINUES = re.compile(
    r"\b(?:tends? to|more likely|less likely|associated|linked|improv\w*|reduc\w*|increas\w*|decreas\w*|"
    r"higher|lower|risk|benefit\w*|better|worse|satisf\w*|strain|predict\w*|affect\w*)\b",
    re.IGNORECASE,
)
# Explicit citation markers a claim can carry.
_PAREN_NUMBERS = re.compile(r"\((\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\)")
_SUPERSCRIPT = re.compile(r"(?<=[a-z]{3})[.,]?(\d{1,2}(?:[,–-]\d{1,2})*)(?=[\s.,;:]|$)")
_AUTHOR_YEAR = re.compile(
    r"(?<![\w'’-])(?P<family>[A-Z][\w'’-]++)(?:\s+(?:et al\.?|and colleagues|and co-workers|(?:and|&)\s+"
    r"[A-Z][\w'’-]++))?"
    r",?\s+\(?(?P<year>(?:19|20)\d{2})[a-z]?\)?"
)
_COLLEAGUES = re.compile(r"(?P<family>[A-Z][\w'’-]+)\s+and\s+(?:colleagues|co-workers|coauthors|her team|his team)")
_DOI_URL = re.compile(r"https?://(?:dx\.)?doi\.org/(\S+)")


def markers(text: str) -> Markers:
    """Numbered, author-year and DOI markers in ``text``."""
    found = Markers()
    found.numbers.extend(dict.fromkeys(bracketed(text)))  # "[3, 5]", "[26]–[29]"
    for match in _PAREN_NUMBERS.finditer(text):
        found.numbers.extend(expand(match.group(1)))
    for match in _SUPERSCRIPT.finditer(text):
        found.numbers.extend(expand(match.group(1)))
    for match in _AUTHOR_YEAR.finditer(text):
        if match.group("family").lower() not in {"in", "by", "since", "until", "from", "the", "a", "of"}:
            found.author_years.append((match.group("family"), int(match.group("year"))))
    for match in _COLLEAGUES.finditer(text):
        found.author_years.append((match.group("family"), None))
    for match in _DOI_URL.finditer(text):
        found.dois.append(match.group(1).rstrip(".,;)").lower())
    return found


_FINDING_WORDS = ("stud", "research", "evidence", "data", "scientist", "expert", "survey", "trial", "review",
                  "analys", "report", "investigat", "according", "experiment", "poll", "paper")


def _reports_finding(text: str) -> bool:
    lowered = text.lower()
    return any(word in lowered for word in _FINDING_WORDS) and bool(_FINDING.search(text))


def _cites(text: str) -> bool:
    """A statement that carries a citation ([3], (Cartwright et al., 2016), a DOI link) reports a finding."""
    return bool(BRACKET_NUMBERS.search(text) or _DOI_URL.search(text) or _COLLEAGUES.search(text) or re.search(
        r"[A-Z][\w'’-]+\s+et al\.?\s+\((?:19|20)\d{2}[a-z]?\)", text) or re.search(
        r"\((?:[A-Z][\w'’-]+(?:\s+et al\.?|\s+(?:and|&)\s+[A-Z][\w'’-]+)?,?\s+(?:19|20)\d{2}[a-z]?;?\s*)+\)", text))


def _attribution_person(line: str) -> str | None:
    found = _ATTRIBUTION_LINE.match(line)
    return found.group("person").strip() if found else None


def _shares_terms(a: str, b: str, minimum: int = 2) -> bool:
    return len(terms(a) & terms(b)) >= minimum


class _Claims:
    """The claims found so far, each sentence once."""

    def __init__(self) -> None:
        self.found: list[Claim] = []
        self._seen: set[str] = set()

    def add(self, text: str, start: int, end: int, paragraph: int, kind: ClaimKind, person: str | None,
            figs: list[Figure], study_year: int | None = None, continues: bool = False) -> Claim | None:
        """The new claim, or None when the same sentence is already a claim."""
        key = re.sub(r"\W+", " ", text.lower()).strip()
        if key in self._seen:
            return None
        self._seen.add(key)
        claim = Claim(len(self.found) + 1, text, start, end, paragraph, kind, person, figs, markers(text),
                      study_year, continues)
        self.found.append(claim)
        return claim


def _kind(text: str, figs: list[Figure], inline: re.Match[str] | None, previous: Claim | None
          ) -> tuple[ClaimKind | None, bool]:
    """What a sentence claims, if anything, and whether it carries on the previous claim's finding."""
    if figs:
        return ClaimKind.FIGURE, False
    if inline:
        return ClaimKind.ATTRIBUTION, False
    if _reports_finding(text) or _cites(text):
        return ClaimKind.FINDING, False
    if previous is not None and _CONTINUES.search(text) and _shares_terms(previous.text, text):
        return ClaimKind.FINDING, True
    return None, False


def _paragraph_claims(para: sentences.Paragraph, claims: _Claims) -> None:
    """The claims of one prose paragraph, sentence by sentence."""
    study_year: int | None = None
    previous: Claim | None = None
    for sentence in sentences.split(para.text, para.start, para.index):
        if sentence.text.endswith("?") or len(sentence.text.split()) < 4:
            previous = None
            continue
        figs = figures_mod.find(sentence.text)
        years = [int(f.value) for f in figs if f.kind == "study_year"]
        if years:
            study_year = years[0]
        inline = _INLINE_ATTRIBUTION.search(sentence.text)
        kind, continues = _kind(sentence.text, figs, inline, previous)
        if kind is None:
            previous = None
            continue
        person = (inline.group("p1") or inline.group("p2")) if inline else None
        added = claims.add(sentence.text, sentence.start, sentence.end, para.index, kind, person, figs,
                           study_year, continues or (previous is not None and not years))
        previous = added or previous


def extract(text: str, references_line: int | None = -1) -> list[Claim]:
    """The claims of an article body, in order, each once.

    ``references_line`` is where the reference list starts (None: no list); by
    default it is found in the text.
    """
    stop = reflist.locate(text).start_line if references_line == -1 else references_line
    paras = list(sentences.paragraphs(text, stop))
    claims = _Claims()
    for index, para in enumerate(paras):
        if para.is_heading or _attribution_person(para.text):
            continue
        following = paras[index + 1] if index + 1 < len(paras) else None
        person = _attribution_person(following.text) if following else None
        if person:
            # A quotation over a line "— Dr. Name": the whole paragraph is one claim.
            body = para.text.strip()
            lead = len(para.text) - len(para.text.lstrip())
            claims.add(body, para.start + lead, para.start + lead + len(body), para.index, ClaimKind.ATTRIBUTION,
                       person, figures_mod.find(body))
            continue
        _paragraph_claims(para, claims)
    return claims.found
