"""Find the claims in an article body: sentences that state a figure, report a finding, or quote a person.

Reference lists, headings, tables of contents, questions and page furniture
are never claims. A quotation set off by a line "— Dr. Name" is one claim
attributed to that person.
"""

from __future__ import annotations

import dataclasses
import re

from refs.claims import figures as figures_mod
from refs.ingest import parse, reflist
from refs.model import AuthorYear, Claim, ClaimKind, Figure, Markers
from refs.text import authoryear, doi, sentences
from refs.text.markers import BRACKET_NUMBERS, bracketed, expand
from refs.text.patterns import locator_end

# The word patterns below are written in lower case and searched in a sentence's lowered text: without
# IGNORECASE, the regex engine scans for their first letters instead of trying every position both ways
# (four times faster on real sentences, the same matches).
_FINDING = re.compile(
    r"\b(?:(?:a|an|one|another|the|this|that|recent|new|large|small|previous|further|(?:19|20)\d{2})\s+"
    r"(?:(?:[\w-]+)\s+){0,3}?(?:study|studies|survey|trial|meta-analysis|review|analysis|report|experiment|"
    r"poll|research)\s+(?:has\s+|have\s+)?(?:found|finds|showed|shows|shown|suggested|suggests|reported|reports|"
    r"analy[sz]ed|examined|followed|looked|tested|concluded|revealed|demonstrated|indicated|linked|published)"
    r"|(?:research|studies|evidence|data|scientists|researchers|experts|investigators|trials|surveys)\s+"
    r"(?:has\s+|have\s+|had\s+)?(?:also\s+|consistently\s+|long\s+)?(?:shown|show|found|find|suggested|suggests|"
    r"suggest|demonstrated|demonstrates|indicated|indicates|indicate|revealed|reveals|linked|links|confirmed|"
    r"estimated|estimate|estimates)"
    r"|according to (?:a|the|one|recent|new)\s+(?:[\w-]+\s+){0,2}?(?:study|survey|report|analysis|review|data))\b"
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
# A sentence carries on the cited one before it only when its words say so: "The same survey", "In that
# study", "They also found", "The majority (89.4%) reported". A pronoun or a definite "the study" needs an
# antecedent, which is the sentence before.
_CONTINUATION = re.compile(
    r"^(?:(?:however|also|moreover|furthermore|additionally|in addition|overall|still|but|and|while|although|"
    r"whereas|yet)\b,?\s+)?(?P<cue>"
    r"(?:the|this|that|these|those)\s+(?:same\s+)?(?:study|survey|trial|analysis|review|report|paper|research|"
    r"researchers|authors|investigators|team|participants|respondents|patients|subjects|sample|cohort)\b"
    r"|(?:in|from|of)\s+(?:the|that|this|those|these)\s+(?:same\s+)?(?:study|survey|trial|analysis|review|"
    r"report|sample|cohort|group|participants|respondents|patients)\b"
    r"|(?:they|the\s+researchers|the\s+authors|the\s+investigators)\s+(?:also\s+|further\s+)?(?:found|find|"
    r"reported|report|noted|note|showed|show|observed|concluded|conclude|suggested|suggest|discovered|"
    r"wrote|write|measured|asked)\b"
    r"|(?:the\s+majority|most|many|some|half|a\s+(?:third|quarter|minority))(?:\s+of\s+(?:them|those|these|"
    r"the\s+(?:participants|respondents|patients|subjects|users)))?\s*(?:\([^()]{0,20}\)\s*)?(?:also\s+)?"
    r"(?:reported|said|noted|rated|described|felt|experienced)\b)",
    re.IGNORECASE,
)
# Explicit citation markers a claim can carry.
# "(3)" or "(3, 4)" closing a clause. Not "(1) dosage selection" (an enumeration: a word follows), not
# "equation (4)" or "Figure (2)", not part of a name run into a number ("a C8(2) column"), and not the
# points of a scale ("never (0), hardly ever (1)").
_PAREN_NUMBERS = re.compile(
    r"\((?<!equation \()(?<!equations \()(?<!eq\. \()(?<!figure \()(?<!fig\. \()(?<!table \()(?<!step \()"
    r"(?<!model \()(?<!panel \()(?<!group \()(?<!type \()(?<!item \()(?<!stage \()(?<!grade \()(?<!level \()"
    r"(?<!class \()(?<!\d\()(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\)(?!\s*[A-Za-z‘“'\"])", re.IGNORECASE)
_SCALE = re.compile(r"\b(?:scale|scales|scored|rated|ranging|ranged|range from|coded|points?)\b|\(0\)")
# A superscript flattened by scraping, after the sentence's punctuation: "numb.3 ", "life,4,5 ", "by 29%.2,3 ".
# A number run into a word is more often a name ("Phyre2", "pDest14", "Toll1") than a citation, and is not
# read as one. (The punctuation comes first in the pattern, and what is before it is looked back at, so that
# the engine scans for the punctuation.)
_SUPERSCRIPT = re.compile(r"[.,;:](?:(?<=[a-z]{3}[.,;:])|(?<=\d%[.,;:]))(\d{1,2}(?:[,–-]\d{1,2})*)(?=\s|$)")
_FAMILY = r"[A-Z][\w'’-]++"
_AUTHOR_YEAR = re.compile(
    # A family name (_FAMILY) not run on from a word; the capital comes first so that the engine scans for it.
    rf"(?P<family>[A-Z](?<![\w'’-][A-Z])[\w'’-]++)"
    rf"(?:\s+(?P<et_al>{authoryear.ET_AL})|\s+(?:{authoryear.BETWEEN})\s+(?P<second>{_FAMILY}))?"
    r",?\s+\(?(?P<year>(?:19|20)\d{2})(?P<suffix>[a-z]?)\b\)?"
)
_KEY_CITATION = re.compile(authoryear.KEY)
_COLLEAGUES = re.compile(rf"(?P<family>{_FAMILY})\s+and\s+(?:colleagues|co-workers|coauthors|her team|his team)")
_DOI_URL = re.compile(r"https?://(?:dx\.)?doi\.org/(\S+)")


def markers(text: str) -> Markers:
    """Numbered, author-year and DOI markers in ``text``."""
    found = Markers()
    found.numbers.extend(dict.fromkeys(bracketed(text)))  # "[3, 5]", "[26]–[29]"
    parenthesised = list(_PAREN_NUMBERS.finditer(text))
    if parenthesised and not _SCALE.search(text.lower()):
        for match in parenthesised:
            found.numbers.extend(expand(match.group(1)))
    for match in _SUPERSCRIPT.finditer(text):
        found.numbers.extend(expand(match.group(1)))
    for match in _AUTHOR_YEAR.finditer(text):
        if match.group("family").lower() in authoryear.NOT_FAMILIES:
            continue
        cited = AuthorYear(match.group("family"), int(match.group("year")), match.group("suffix"),
                           match.group("second"), bool(match.group("et_al")))
        found.author_years.append(cited)
        at = match.end()
        # More works of the same authors: "Schecter et al. 2003, 2005", "Kamiyama et al., 1995a, b".
        while not text.endswith(")", 0, at) and (more := authoryear.MORE_YEARS.match(text, at)):
            if more.group("letter") and not cited.suffix:
                break  # "Smith 2004, a study of ..." is no second work
            year = int(more.group("year")) if more.group("year") else cited.year
            cited = dataclasses.replace(cited, year=year, suffix=more.group("suffix") or more.group("letter") or "")
            found.author_years.append(cited)
            at = more.end()
    for match in _COLLEAGUES.finditer(text):
        found.author_years.append(AuthorYear(match.group("family"), et_al=True))
    if "[" in text:
        for match in _KEY_CITATION.finditer(text):
            found.author_years.append(AuthorYear(match.group("family"), int(match.group("year")),
                                                 match.group("suffix"), keyed=True))
    for match in _DOI_URL.finditer(text):
        found.dois.append(locator_end(match.group(1)).lower())
    return found


_OWN_WORK = re.compile(r"\b(?:we|our|us)\b|\b(?:in|of)\s+(?:this|the\s+present|the\s+current)\s+(?:study|"
                       r"work|paper|article|report)\b")


def own_work(text: str) -> bool:
    """A sentence in the first person ("We used...", "In this study") reports the writers' own work: it
    neither carries on a cited study nor is where a listed source is cited."""
    return bool(_OWN_WORK.search(text.lower()))


def continuation_cue(text: str) -> str | None:
    """The words by which a sentence says it carries on the one before ("The same survey"), if any."""
    found = _CONTINUATION.match(text)
    return found.group("cue") if found and not own_work(text) else None


_FINDING_WORDS = ("stud", "research", "evidence", "data", "scientist", "expert", "survey", "trial", "review",
                  "analys", "report", "investigat", "according", "experiment", "poll", "paper")


def _reports_finding(text: str) -> bool:
    lowered = text.lower()
    return any(word in lowered for word in _FINDING_WORDS) and bool(_FINDING.search(lowered))


_ET_AL_YEAR = re.compile(r"[A-Z][\w'’-]+\s+et al\.?\s+\((?:19|20)\d{2}[a-z]?\)")  # Cartwright et al. (2016)
_AUTHOR_YEARS = re.compile(  # (Cartwright et al., 2016; Sonnentag and Fritz 2007)
    r"\((?:[A-Z][\w'’-]+(?:\s+et al\.?|\s+(?:and|&)\s+[A-Z][\w'’-]+)?,?\s+(?:19|20)\d{2}[a-z]?;?\s*)+\)")


def _cites(text: str) -> bool:
    """A statement that carries a citation ([3], (Cartwright et al., 2016), a DOI link) reports a finding."""
    return bool(BRACKET_NUMBERS.search(text) or _DOI_URL.search(text) or _COLLEAGUES.search(text)
                or _ET_AL_YEAR.search(text) or _AUTHOR_YEARS.search(text) or _KEY_CITATION.search(text))


def _attribution_person(line: str) -> str | None:
    found = _ATTRIBUTION_LINE.match(line)
    return found.group("person").strip() if found else None


# What a sentence without a figure, a study or a quotation can still state checkably.
_EFFECT = re.compile(
    r"\b(?:(?:can|could|may|might|will|does|do|often|usually)\s+(?:also\s+)?(?:cause|lead\s+to|result\s+in|"
    r"trigger|affect|improve|reduce|increase|decrease|worsen|prevent|help|protect|allow|impair|raise|lower|"
    r"relieve|damage|harm|benefit)"
    r"|causes|caused\s+by|leads\s+to|led\s+to|results\s+in|resulted\s+in|triggers|worsens|prevents|"
    r"protects\s+against|side\s+effects?\s+of|(?:is|are|be)\s+a\s+side\s+effect|(?:is|are|be|was|were)\s+"
    r"(?:more\s+|less\s+|highly\s+)?(?:effective|beneficial|harmful|safe|unsafe|toxic|protective)\b"
    r"|(?:improves|improved|reduces|reduced|increases|increased|decreases|decreased|lowers|lowered|raises|"
    r"raised|impairs|impaired|inhibits|inhibited|induces|induced|enhances|enhanced|promotes|promoted)\s+"
    r"(?:the\s+)?[a-z])"
)
_ASSOCIATION = re.compile(
    r"\b(?:(?:is|are|was|were|be|been)\s+(?:strongly\s+|closely\s+|significantly\s+|positively\s+|"
    r"negatively\s+|inversely\s+)?(?:associated|linked|correlated|related|tied|connected)\s+(?:with|to)"
    r"|(?:more|less)\s+likely\s+to|(?:higher|lower|increased|reduced|greater)\s+risk\s+of|risk\s+factor"
    r"|(?:is|are|be|can\s+be)\s+(?:a\s+|one\s+)?(?:common\s+|hallmark\s+|key\s+)?(?:symptom|sign|feature|"
    r"predictor|marker|consequence)s?\s+of|tends?\s+to\s+(?:be|have|experience|feel|show)"
    r"|(?:is|are)\s+(?:common|rare|prevalent|widespread|frequent)\s+(?:in|among)\b)"
)
_DEFINITION = re.compile(
    r"\b(?:is|are|refers\s+to|means|describes)\s+(?:(?:a|an|the)\s+)?"
    r"(?:term|condition|disorder|disease|symptom|state|type|form|kind|mental\s+health\s+condition|process|"
    r"practice|approach|therapy|treatment|class|group|method|measure|syndrome|illness|hormone|"
    r"neurotransmitter|protein|chemical)\b"
    r"|\b(?:is|are)\s+defined\s+as\b|\bis\s+a\s+term\s+used\b|\bmeans\s+(?:that\s+)?"
    r"|\b(?:symptoms|signs|features|causes|types)\s+of\s+[^.]{1,80}?\s+include\b"
)
_DEFINED_WITHIN = 8  # "X is a condition": the subject is a few words, not a clause
# Words that tell a sentence is addressed to the reader (advice, a call to action), not a statement.
_TO_READER = re.compile(r"\b(?:you|your|yours|yourself)\b")
_IMPERATIVE = re.compile(
    r"^(?:please\s+)?(?:read|learn|see|talk|discuss|contact|call|click|try|ask|consider|make|keep|avoid|take|"
    r"find|get|sign|subscribe|share|download|visit|check|follow|join|speak|seek|tell|remember|note|use|let|"
    r"do|don’t|don't|be|stay|start|stop|write|look|watch|listen|choose|give|go|reach|explore|register)\b",
    re.IGNORECASE,
)
_CAPTION = re.compile(r"(?:/\s*getty images|\bimages?\s*$|^(?:figure|fig\.|table|photo|image)\s*\d*[.:]|"
                      r"\bshutterstock\b|\bstocksy\b)")
_CAPTION_WORDS = ("image", "figure", "fig.", "table", "photo", "shutterstock", "stocksy")  # one is needed


# The words each kind's pattern needs (checked first: most sentences have none of them).
_NEEDS = {
    ClaimKind.DEFINITION: ("is ", "are ", "refers", "means", "describes", "include"),
    ClaimKind.ASSOCIATION: ("associated", "linked", "correlated", "related", "tied", "connected", "likely",
                            "risk", "symptom", "sign", "feature", "predictor", "marker", "consequence", "tend",
                            "common", "rare", "prevalent", "widespread", "frequent"),
    ClaimKind.EFFECT: ("cause", "lead", "led ", "result", "trigger", "affect", "improv", "reduc", "increas",
                       "decreas", "worsen", "prevent", "help", "protect", "allow", "impair", "raise", "lower",
                       "relieve", "damag", "harm", "benefi", "side effect", "effective", "safe", "toxic",
                       "inhibit", "induc", "enhanc", "promot"),
}
_PATTERNS = ((ClaimKind.DEFINITION, _DEFINITION), (ClaimKind.ASSOCIATION, _ASSOCIATION), (ClaimKind.EFFECT, _EFFECT))


def _statement_kind(text: str) -> tuple[ClaimKind, str] | None:
    """The kind of checkable statement a sentence without a figure or citation makes, and why."""
    lowered = text.lower()
    for kind, pattern in _PATTERNS:
        if not any(word in lowered for word in _NEEDS[kind]):
            continue
        found = pattern.search(lowered)
        if found and kind is ClaimKind.DEFINITION and lowered.count(" ", 0, found.start()) > _DEFINED_WITHIN and \
                "include" not in found.group(0):
            found = None
        if found:
            article = "an" if kind in (ClaimKind.EFFECT, ClaimKind.ASSOCIATION) else "a"
            # The words as written (lowering keeps the length of all but a few letters, such as "İ").
            words = text[found.start():found.end()] if len(lowered) == len(text) else found.group(0)
            return kind, f"states {article} {kind}: \"{words.strip()}\""
    return None


def _is_statement(text: str) -> bool:
    """A declarative sentence about the world: not a question, an instruction, a caption or words to the
    reader."""
    lowered = text.lower()
    return not (text.endswith(("?", ":")) or _IMPERATIVE.match(text)
                or ("you" in lowered and _TO_READER.search(lowered))
                or (any(word in lowered for word in _CAPTION_WORDS) and _CAPTION.search(lowered))
                or len(text.split()) < 5)


_NON_WORD = re.compile(r"\W+")


class _Claims:
    """The claims found so far, each sentence once."""

    def __init__(self) -> None:
        self.found: list[Claim] = []
        self._seen: set[str] = set()

    def add(self, text: str, start: int, end: int, paragraph: int, kind: ClaimKind, reason: str,
            person: str | None, figs: list[Figure], study_year: int | None = None, continues: str | None = None,
            candidate: bool = False) -> Claim | None:
        """The new claim, or None when the same sentence is already a claim."""
        key = _NON_WORD.sub(" ", text.lower()).strip()
        if key in self._seen:
            return None
        self._seen.add(key)
        claim = Claim(len(self.found) + 1, text, start, end, paragraph, kind, person, figs, markers(text),
                      study_year, continues, reason, candidate)
        self.found.append(claim)
        return claim


def _kind(text: str, figs: list[Figure], person: str | None, statement: bool) -> tuple[ClaimKind, str] | None:
    """What a sentence claims, if anything, and why it is a claim."""
    if person:
        return ClaimKind.QUOTE, f"quotes {person}"
    numbers = [f.text for f in figs if f.kind != "study_year"]
    if numbers:
        return ClaimKind.FIGURE, "states a figure: " + ", ".join(numbers[:3])
    if _reports_finding(text) or figs:
        return ClaimKind.FINDING, "reports a study's finding"
    stated = _statement_kind(text) if statement else None
    if stated:
        return stated
    if _cites(text):
        return ClaimKind.FINDING, "cites a source"
    return None


def _printed_reference(text: str) -> bool:
    """A reference printed in the body ("Related research article: ... eLife 4:e06807. doi: ...", "Journal
    reference: ..."): it holds a DOI and, read as a reference, a title, a journal, a volume and pages. It
    names a work; it states nothing."""
    if "10." not in text or not doi.find(text):
        return False
    entry = parse.parse(text)
    return bool(entry.title and entry.container and entry.volume and entry.pages)


def _paragraph_claims(para: sentences.Paragraph, claims: _Claims) -> None:
    """The claims of one prose paragraph, sentence by sentence; declarative sentences that state nothing
    checkable by their words are kept as candidates, which only a link to a source makes claims."""
    study_year: int | None = None
    for sentence in sentences.split(para.text, para.start, para.index):
        text = sentence.text
        if text.endswith("?") or len(text.split()) < 4 or _printed_reference(text):
            study_year = None
            continue
        figs = figures_mod.find(text)
        cue = continuation_cue(text)
        years = [int(f.value) for f in figs if f.kind == "study_year"]
        study_year = years[0] if years else (study_year if cue else None)
        # Both forms of an inline attribution need a title ("Dr.", "Prof."): most sentences have none.
        inline = _INLINE_ATTRIBUTION.search(text) if "Dr" in text or "Prof" in text else None
        person = (inline.group("p1") or inline.group("p2")) if inline else None
        statement = _is_statement(text)
        kind = _kind(text, figs, person, statement)
        if kind is None and not statement:
            study_year = None
            continue
        claims.add(text, sentence.start, sentence.end, para.index, *(kind or (ClaimKind.FINDING, "")), person,
                   figs, study_year, cue, candidate=kind is None)


def extract(text: str, references_line: int | None = -1) -> list[Claim]:
    """The claims of an article body, in order, each once.

    ``references_line`` is where the reference list starts (None: no list); by
    default it is found in the text.
    """
    stop = reflist.locate(text).start_line if references_line == -1 else references_line
    paras = list(sentences.paragraphs(text, stop))
    claims = _Claims()
    for index, para in enumerate(paras):
        if para.is_heading or _attribution_person(para.text) or _printed_reference(para.text):
            continue
        following = paras[index + 1] if index + 1 < len(paras) else None
        person = _attribution_person(following.text) if following else None
        if person:
            # A quotation over a line "— Dr. Name": the whole paragraph is one claim.
            body = para.text.strip()
            lead = len(para.text) - len(para.text.lstrip())
            claims.add(body, para.start + lead, para.start + lead + len(body), para.index, ClaimKind.QUOTE,
                       f"quotes {person}", person, figures_mod.find(body))
            continue
        _paragraph_claims(para, claims)
    return claims.found
