"""Link each claim to the sources it rests on, saying how each link was made and how sure it is.

Methods, strongest first:
- ``marker``: an explicit pointer in the sentence: [3], (3), a superscript-like
  number, (Cartwright et al., 2016), "Cartwright and colleagues", a DOI link;
- ``described-study``: "A 2016 study analyzed..." and the source from 2016 whose
  title (and abstract) shares the sentence's topic;
- ``order``: many sites list sources in the order they first cite them, so a
  monotone assignment of the list to the sentences, scored by topical
  similarity, places sources whose markers were lost in scraping (only where
  markers reach less than half of the list);
- ``continuation``: the sentence after a linked one that says it carries on
  the same study ("The same survey", "They also found") gets its sources.
A claim with no link above the thresholds stays unsourced: no link is forced.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from refs.claims import extract
from refs.model import AuthorYear, Claim, Link, LinkMethod, SourceInfo
from refs.text.fold import fold
from refs.text.topics import Scorer, terms

ORDER_MIN_SCORE = 0.2  # weighted share of the smaller side (sentence or source) both share, to be placed by order
ORDER_MIN_SHARED = 2  # ... through at least this many shared content words
ORDER_MARGIN = 0.1  # a sentence placed by order must score this much above any other its neighbours allow
CO_CITED_RATIO = 0.8  # another source of a sentence placed by order scores at least this share of the best
ANCHOR_GAIN = 10.0  # a source placed by a marker or a described study outweighs any topical alignment
MAX_LOST_PLACES = 10  # places of a list printed without numbers that may be missing before its first entry
SHIFT_MIN_Z = 2.33  # such a list's places are shifted when the shift fits more marked sentences than any other
SHIFT_MIN_PAIRS = 3  # shift nearby (one-sided sign test at 1 %), and at least this many
SHIFT_CONTROLS = 2  # shifts tried beyond the possible ones, which the right one must also beat
STUDY_MIN_SHARED = 1
STUDY_MIN_SCORE = 0.1  # a described study shares at least this weighted share of the sentence's topic
ALPHABETICAL_MIN = 6  # entries with a first author a list needs before its order can show it is sorted by name


def _document(source: SourceInfo) -> set[str]:
    # The authors' names count: a sentence that names who it cites ("Zawinski wrote...") fits their work.
    return terms(" ".join(p for p in (source.title, source.abstract, source.organisation, source.first_family,
                                      source.second_family) if p))


@dataclass
class _Index:
    """An article's sources by printed number, folded first-author family and DOI (made once per article)."""

    by_number: dict[int, SourceInfo]
    by_family: dict[str, list[SourceInfo]]
    by_doi: dict[str, list[SourceInfo]]
    by_position: bool  # whether numbered markers may be followed (see ``link``)
    # Places lost before the first entry of a list printed without numbers, where the text had to show
    # them (``_place_shift``); None where places were followed as printed.
    shift: int | None = None

    @classmethod
    def of(cls, sources: list[SourceInfo], by_position: bool, shift: int | None = None) -> _Index:
        by_family: dict[str, list[SourceInfo]] = {}
        by_doi: dict[str, list[SourceInfo]] = {}
        for source in sources:
            if source.first_family:
                by_family.setdefault(_family_key(source.first_family), []).append(source)
            if source.doi:
                by_doi.setdefault(source.doi, []).append(source)
        return cls({s.number or s.position + (shift or 0): s for s in sources}, by_family, by_doi, by_position,
                   shift)


def _family_key(family: str) -> str:
    """A family name as citations and lists both write it: its last word, folded. "van Loon", "De Moraes"
    and "Nunes da Fonseca" are cited with or without what comes before ("(Loon et al., 2000)")."""
    words = fold(family).split()
    return words[-1] if words else ""


def _author_count_fits(cited: AuthorYear, authors: int) -> bool:
    if cited.keyed:
        return True
    if cited.et_al:
        return authors >= 3
    return authors == (2 if cited.second else 1)


def _author_year_sources(cited: AuthorYear, index: _Index) -> list[SourceInfo]:
    """The one entry an author-year citation names, or none when it could name several: "Cao and Zhang,
    2004a" is told apart from "Cao et al., 2004" by its suffix and second author; what stays ambiguous
    is not linked."""
    found = [s for s in index.by_family.get(_family_key(cited.family), ())
             if cited.year is None or s.year == cited.year]
    if len(found) > 1 and cited.suffix:
        found = [s for s in found if s.year_suffix == cited.suffix] or found
    if len(found) > 1 and cited.second:
        found = [s for s in found
                 if s.second_family and _family_key(s.second_family) == _family_key(cited.second)] or found
    if len(found) > 1 and cited.year is not None:
        # "Allmann et al." names three or more authors, "Allmann and Baldwin" two, "Allmann" alone one.
        found = [s for s in found if s.authors and _author_count_fits(cited, s.authors)] or found
    return found if len(found) == 1 else []


def _marker_links(claim: Claim, index: _Index) -> list[Link]:
    links: list[Link] = []
    for number in claim.markers.numbers if index.by_position else ():
        source = index.by_number.get(number)
        if source is not None:
            evidence: dict[str, object] = {"marker": f"[{number}]"}
            if index.shift is not None:
                evidence["list_position"] = source.position
                evidence["places_lost_before_list"] = index.shift
            links.append(Link(claim.position, source.id, LinkMethod.MARKER, 0.95 if index.shift is None else 0.9,
                              evidence))
    for cited in claim.markers.author_years:
        for source in _author_year_sources(cited, index):
            links.append(Link(claim.position, source.id, LinkMethod.MARKER, 0.9 if cited.year else 0.8,
                              {"marker": cited.label}))
    for doi in claim.markers.dois:
        for source in index.by_doi.get(doi, ()):
            links.append(Link(claim.position, source.id, LinkMethod.MARKER, 0.97, {"marker": f"doi:{doi}"}))
    return _unique(links)


def _unique(links: list[Link]) -> list[Link]:
    best: dict[tuple[int, int], Link] = {}
    for link in links:
        key = (link.claim_position, link.source_id)
        if key not in best or link.confidence > best[key].confidence:
            best[key] = link
    return list(best.values())


class _Context:
    def __init__(self, claims: list[Claim], sources: list[SourceInfo]) -> None:
        self.claims = claims
        self.sources = sources
        self.documents = [_document(s) for s in sources]
        self.scorer = Scorer(self.documents)
        self.claim_terms = [terms(c.text) for c in claims]
        self.own_work = [extract.own_work(c.text) for c in claims]
        # For placing sources among sentences, a word counts by how rarely the article's sentences and
        # sources use it: the article's own topic ("emotional detachment") tells no sentence apart.
        self.article_scorer = Scorer([*self.claim_terms, *self.documents])
        self._aligned: dict[tuple[int, int], tuple[float, list[str]]] = {}
        self._fits: dict[tuple[int, int], tuple[float, int]] | None = None

    def fit(self, claim_index: int, source_index: int) -> tuple[float, int]:
        """``align``'s similarity and the number of shared terms (all pairs worked out once)."""
        if self._fits is None:
            self._fits = self.article_scorer.overlaps(self.claim_terms, self.documents)
        return self._fits.get((claim_index, source_index), (0.0, 0))

    def score(self, claim_index: int, source_index: int) -> tuple[float, list[str]]:
        return self.scorer.score(self.claim_terms[claim_index], self.documents[source_index])

    def align(self, claim_index: int, source_index: int) -> tuple[float, list[str]]:
        key = (claim_index, source_index)
        if key not in self._aligned:
            self._aligned[key] = self.article_scorer.overlap(self.claim_terms[claim_index],
                                                             self.documents[source_index])
        return self._aligned[key]


def _place_shift(ctx: _Context, lost: int) -> int | None:
    """How many places a list printed without numbers lost before its first entry, when its text cites
    ``lost`` places past its end (a note above the list that is its first item, a line taken for the
    heading's preamble; 0: all were lost after its last entry). A shift is taken when, sentence by
    sentence, its entries share more with the marked sentences than those of every other shift nearby do,
    beyond chance: the article's topic words are shared under any shift, so totals alone do not tell.
    None when none stands out: markers are then not followed."""
    shifts = range(-SHIFT_CONTROLS, lost + SHIFT_CONTROLS + 1)
    scores: dict[int, list[float]] = {shift: [] for shift in shifts}
    places = {s.position: j for j, s in enumerate(ctx.sources)}
    for i, claim in enumerate(ctx.claims):
        for number in claim.markers.numbers:
            for shift in shifts:
                # A shift that points at no entry (a place held by a line that is no reference, or past the
                # list's ends) has nothing in common with the sentence there.
                j = places.get(number - shift)
                scores[shift].append(ctx.fit(i, j)[0] if j is not None else 0.0)
    best = max(shifts, key=lambda shift: sum(scores[shift]))
    if not 0 <= best <= lost:
        return None
    for other in shifts:
        if other == best:
            continue
        wins = sum(a > b for a, b in zip(scores[best], scores[other], strict=True))
        losses = sum(a < b for a, b in zip(scores[best], scores[other], strict=True))
        # A sign test: the sentences it fits better outnumber those it fits worse beyond chance.
        if wins < SHIFT_MIN_PAIRS or wins - losses < SHIFT_MIN_Z * math.sqrt(wins + losses):
            return None
    return best


def _described_study(ctx: _Context, index: int) -> list[Link]:
    claim = ctx.claims[index]
    # "During the 2011 experiment, we saw...": the writers' own study, not a listed one.
    if claim.study_year is None or ctx.own_work[index]:
        return []
    candidates = []
    for j, source in enumerate(ctx.sources):
        if source.year != claim.study_year:
            continue
        score, shared = ctx.score(index, j)
        if len(shared) >= STUDY_MIN_SHARED and score >= STUDY_MIN_SCORE:
            candidates.append((score, j, shared))
    if not candidates:
        return []
    candidates.sort(reverse=True)
    score, j, shared = candidates[0]
    unique = len(candidates) == 1
    confidence = round(min(0.9, 0.7 + score / 2) if unique else min(0.75, 0.55 + score / 2), 2)
    return [Link(claim.position, ctx.sources[j].id, LinkMethod.DESCRIBED_STUDY, confidence,
                 {"study_year": claim.study_year, "shared_terms": shared[:8], "similarity": round(score, 3),
                  "other_candidates": len(candidates) - 1})]


def _mutually_best(ctx: _Context, i: int, j: int) -> bool:
    """No other sentence of the article is closer to source j, and no other source is much closer to
    sentence i (a sentence may cite two sources on one topic)."""
    value = ctx.fit(i, j)[0]
    return (all(ctx.fit(other, j)[0] <= value for other in range(len(ctx.claims)))
            and all(CO_CITED_RATIO * ctx.fit(i, other)[0] <= value for other in range(len(ctx.sources))))


def _first_citations(ctx: _Context, anchors: dict[int, int]) -> dict[int, tuple[int, float, list[str], float]]:
    """Where each source is first cited, for a list printed in order of first citation: one monotone
    assignment of sources to sentences (source j+1 never before source j; several sources may share a
    sentence) maximising topical similarity.

    ``anchors`` (source index -> claim index, from markers or a described study) are kept where they fit
    the order. A source no sentence supports (too little similarity) is left out, and so is one whose
    sentence is barely better than another in the span its neighbours leave it, or that is not the
    source's closest sentence in the whole article and that sentence's closest source. Returns source index ->
    (claim index, score, shared terms, runner-up score) for the sources placed by order.
    """
    n_claims, n_sources = len(ctx.claims), len(ctx.sources)
    neg = float("-inf")

    def gain(i: int, j: int) -> float:
        if j in anchors:
            return ANCHOR_GAIN if anchors[j] == i else neg
        if ctx.own_work[i]:
            return neg
        value, shared = ctx.fit(i, j)
        return value if value >= ORDER_MIN_SCORE and shared >= ORDER_MIN_SHARED else neg

    # best[i]: best total for the sources so far with every placed one at a sentence <= i; after source j,
    # placed[j][i] says whether source j sits at sentence i in that best arrangement.
    best = [0.0] * n_claims
    placed: list[list[bool]] = []
    carried: list[list[bool]] = []  # best[i] came from best[i - 1] (source j sits before sentence i)
    for j in range(n_sources):
        row_placed, row_carried, new = [False] * n_claims, [False] * n_claims, [0.0] * n_claims
        for i in range(n_claims):
            value, at = best[i], False
            with_j = best[i] + gain(i, j)
            if with_j > value:
                value, at = with_j, True
            if i and new[i - 1] > value:
                value, at, row_carried[i] = new[i - 1], False, True
            new[i], row_placed[i] = value, at
        best = new
        placed.append(row_placed)
        carried.append(row_carried)
    where: dict[int, int] = {}
    i = n_claims - 1
    for j in range(n_sources - 1, -1, -1):
        while i > 0 and carried[j][i]:
            i -= 1
        if placed[j][i]:
            where[j] = i
    out: dict[int, tuple[int, float, list[str], float]] = {}
    order = sorted(where)
    for k, j in enumerate(order):
        if j in anchors:
            continue
        i = where[j]
        low = where[order[k - 1]] if k else 0
        high = where[order[k + 1]] if k + 1 < len(order) else n_claims - 1
        value, shared = ctx.align(i, j)
        runner_up = max((ctx.fit(other, j)[0] for other in range(low, high + 1) if other != i), default=0.0)
        if value - runner_up >= ORDER_MARGIN and _mutually_best(ctx, i, j):
            out[j] = (i, value, shared, runner_up)
    return out


def sorted_by_author(sources: list[SourceInfo]) -> bool:
    """Whether the list is printed in its first authors' alphabetical order (APA, Harvard, eLife), which says
    nothing about where the text cites each entry. At most one step in ten may go back (a name with a particle
    or an organisation sorted by another word); a list in order of first citation looks so sorted by chance
    less than once in 700 times at six entries, and far less at more."""
    names = [fold(s.first_family or s.organisation or "") for s in sources]
    names = [name for name in names if name]
    if len(names) < ALPHABETICAL_MIN:
        return False
    back = sum(later < earlier for earlier, later in itertools.pairwise(names))
    return back <= (len(names) - 1) // 10


def link(claims: list[Claim], sources: list[SourceInfo], *, research_paper: bool = False) -> list[Link]:
    """Links for an article's claims (empty when it has no sources). ``research_paper``: the text is one
    (``sentences.research_paper``), citing its sources many times and in groups."""
    if not claims or not sources:
        return []
    ctx = _Context(claims, sources)
    index_of = {s.id: j for j, s in enumerate(sources)}
    links: dict[int, list[Link]] = {}
    # In a list printed without numbers, a marker points at an entry only by its place (a line of the list
    # that is no reference still holds one); when the text cites numbers past the list's end, places were
    # lost (entries missed, a note above the list) and markers are followed only where the text shows
    # which. A text that cites by author and year does not also cite by number: its numbers are
    # enumerations, statistics and names ("(1) dosage selection", "Phyre2"), and are not followed.
    numbered = any(s.number for s in sources)
    highest = max((n for claim in claims for n in claim.markers.numbers), default=0)
    lost = 0 if numbered else highest - max(s.position for s in sources)
    shift = _place_shift(ctx, lost) if 0 < lost <= MAX_LOST_PLACES else None
    index = _Index.of(sources, numbered or lost <= 0 or shift is not None, shift)
    if not numbered and any(_author_year_sources(cited, index) for claim in claims
                            for cited in claim.markers.author_years if cited.year is not None):
        index.by_position = False
    unfollowed = highest > 0 and not index.by_position
    for i, claim in enumerate(claims):
        found = _marker_links(claim, index) or _described_study(ctx, i)
        if found:
            links[i] = found
    marked = {each.source_id for found in links.values() for each in found if each.method is LinkMethod.MARKER}
    # Where markers point at most of the list, a sentence without one cites nothing; where they are absent
    # or reach few entries (scraping dropped them, or the site prints none), the list's order of first
    # citation places the rest. Numbered markers that cannot be followed say the list's places are not
    # the text's, and order is a place too; so does a list sorted by its authors' names. A research paper
    # cites most sources many times and several at once: the order of first citation leaves each source's
    # place open among dozens of sentences, which topic words do not settle (on real papers with their
    # markers removed, about four in ten such placements were wrong), so it places nothing there.
    if len(marked) * 2 < len(sources) and not unfollowed and not sorted_by_author(sources) and not research_paper:
        anchors = {index_of[each.source_id]: i for i, found in sorted(links.items(), reverse=True) for each in found}
        for j, (i, score, shared, runner_up) in _first_citations(ctx, anchors).items():
            confidence = round(min(0.7, 0.4 + score * 0.4), 2)
            evidence = {"similarity": round(score, 3), "shared_terms": shared[:8], "list_position": j + 1,
                        "runner_up_similarity": round(runner_up, 3)}
            links.setdefault(i, []).append(Link(claims[i].position, sources[j].id, LinkMethod.ORDER, confidence,
                                                evidence))
    for i, claim in enumerate(claims):
        if i in links or i == 0 or not claim.continues:
            continue
        before = links.get(i - 1)
        if before and claims[i - 1].paragraph == claim.paragraph:
            links[i] = [Link(claim.position, parent.source_id, LinkMethod.CONTINUATION,
                             round(parent.confidence * 0.85, 2),
                             {"continues_claim": claims[i - 1].position, "cue": claim.continues,
                              "parent_method": parent.method})
                        for parent in before]
    return [link for i in sorted(links) for link in links[i]]
