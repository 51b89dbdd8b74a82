"""Link each claim to the sources it rests on, saying how each link was made and how sure it is.

Methods, strongest first:
- ``marker``: an explicit pointer in the sentence: [3], (3), a superscript-like
  number, (Cartwright et al., 2016), "Cartwright and colleagues", a DOI link;
- ``described-study``: "A 2016 study analyzed..." and the source from 2016 whose
  title (and abstract) shares the sentence's topic;
- ``order``: many sites list sources in the order they first cite them, so a
  monotone alignment of claims to the list, scored by topical similarity,
  places claims whose markers were lost in scraping;
- ``continuation``: the sentence after a linked one that carries on the same
  finding gets the same sources.
A claim with no link above the thresholds stays unsourced: no link is forced.
"""

from __future__ import annotations

from dataclasses import dataclass

from refs.model import Claim, Link, LinkMethod, SourceInfo
from refs.text.fold import fold
from refs.text.topics import Scorer, terms

ORDER_MIN_SCORE = 0.2  # share of a claim's weighted topic a source must cover to be aligned by order
ORDER_MIN_SHARED = 2  # ... through at least this many shared content words
STUDY_MIN_SHARED = 1
NEIGHBOUR_RATIO = 0.7  # an adjacent source scoring this close to the aligned one is cited too


def _document(source: SourceInfo) -> set[str]:
    return terms(" ".join(p for p in (source.title, source.abstract, source.organisation) if p))


@dataclass
class _Index:
    """An article's sources by printed number, folded first-author family and DOI (made once per article)."""

    by_number: dict[int, SourceInfo]
    by_family: dict[str, list[SourceInfo]]
    by_doi: dict[str, list[SourceInfo]]
    by_position: bool  # whether numbered markers may be followed (see ``link``)

    @classmethod
    def of(cls, sources: list[SourceInfo], by_position: bool) -> _Index:
        by_family: dict[str, list[SourceInfo]] = {}
        by_doi: dict[str, list[SourceInfo]] = {}
        for source in sources:
            if source.first_family:
                by_family.setdefault(fold(source.first_family), []).append(source)
            if source.doi:
                by_doi.setdefault(source.doi, []).append(source)
        return cls({s.number or s.position: s for s in sources}, by_family, by_doi, by_position)


def _marker_links(claim: Claim, index: _Index) -> list[Link]:
    links: list[Link] = []
    for number in claim.markers.numbers if index.by_position else ():
        source = index.by_number.get(number)
        if source is not None:
            links.append(Link(claim.position, source.id, LinkMethod.MARKER, 0.95, {"marker": f"[{number}]"}))
    for family, year in claim.markers.author_years:
        for source in index.by_family.get(fold(family), ()):
            if year is None or source.year == year:
                label = f"{family} {year}" if year else f"{family} and colleagues"
                links.append(Link(claim.position, source.id, LinkMethod.MARKER, 0.9 if year else 0.8,
                                  {"marker": label}))
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

    def score(self, claim_index: int, source_index: int) -> tuple[float, list[str]]:
        return self.scorer.score(self.claim_terms[claim_index], self.documents[source_index])


def _described_study(ctx: _Context, index: int) -> list[Link]:
    claim = ctx.claims[index]
    if claim.study_year is None:
        return []
    candidates = []
    for j, source in enumerate(ctx.sources):
        if source.year != claim.study_year:
            continue
        score, shared = ctx.score(index, j)
        if len(shared) >= STUDY_MIN_SHARED:
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


def _order_alignment(ctx: _Context, anchors: dict[int, int]) -> dict[int, tuple[int, float, list[str]]]:
    """Monotone assignment of claims to sources maximising topical similarity.

    Claims in text order get non-decreasing list positions. ``anchors`` (claim index ->
    source index, from stronger methods) pull the alignment through their positions
    when they fit the order; they are never moved. Returns claim index -> (source
    index, score, shared terms) for the claims placed by order.
    """
    n_claims, n_sources = len(ctx.claims), len(ctx.sources)
    neg = float("-inf")
    scores = [[ctx.score(i, j) for j in range(n_sources)] for i in range(n_claims)]

    def gain(i: int, j: int) -> float:
        if i in anchors:
            return 10.0 if anchors[i] == j else neg
        value, shared = scores[i][j]
        return value if value >= ORDER_MIN_SCORE and len(shared) >= ORDER_MIN_SHARED else neg

    # future[i][p]: best total for claims i.. when the lowest list position allowed is p.
    future = [[0.0] * (n_sources + 1) for _ in range(n_claims + 1)]
    pick: list[list[int | None]] = [[None] * (n_sources + 1) for _ in range(n_claims)]
    for i in range(n_claims - 1, -1, -1):
        best_value, best_j = neg, None
        for p in range(n_sources - 1, -1, -1):
            value = gain(i, p) + future[i + 1][p]
            if value > best_value:
                best_value, best_j = value, p
            skip = future[i + 1][p]
            future[i][p], pick[i][p] = (best_value, best_j) if best_value > skip else (skip, None)
    placed: dict[int, tuple[int, float, list[str]]] = {}
    p = 0
    for i in range(n_claims):
        j = pick[i][p]
        if j is None:
            continue
        if i not in anchors:
            placed[i] = (j, *scores[i][j])
        p = j
    return placed


def _neighbours(ctx: _Context, i: int, j: int, score: float) -> list[int]:
    """Adjacent sources almost as close to the claim: a finding cited to consecutive entries."""
    out = []
    for k in (j - 1, j + 1):
        if 0 <= k < len(ctx.sources):
            value, shared = ctx.score(i, k)
            if value >= max(ORDER_MIN_SCORE, NEIGHBOUR_RATIO * score) and len(shared) >= ORDER_MIN_SHARED:
                out.append(k)
    return out


def link(claims: list[Claim], sources: list[SourceInfo]) -> list[Link]:
    """Links for an article's claims (empty when it has no sources)."""
    if not claims or not sources:
        return []
    ctx = _Context(claims, sources)
    index_of = {s.id: j for j, s in enumerate(sources)}
    links: dict[int, list[Link]] = {}
    # In a list printed without numbers, a marker points at an entry only by its place; when the text cites
    # numbers past the list's end, places were lost (entries missed or notes counted) and every marker
    # could point one entry off: numbered markers are then not followed.
    highest = max((n for claim in claims for n in claim.markers.numbers), default=0)
    index = _Index.of(sources, any(s.number for s in sources) or highest <= len(sources))
    for i, claim in enumerate(claims):
        found = _marker_links(claim, index) or _described_study(ctx, i)
        if found:
            links[i] = found
    anchors = {i: index_of[found[0].source_id] for i, found in links.items()}
    for i, (j, score, shared) in _order_alignment(ctx, anchors).items():
        confidence = round(min(0.8, 0.4 + score * 0.6), 2)
        evidence = {"similarity": round(score, 3), "shared_terms": shared[:8], "list_position": j + 1}
        links[i] = [Link(claims[i].position, sources[j].id, LinkMethod.ORDER, confidence, evidence)]
        for k in _neighbours(ctx, i, j, score):
            value, also = ctx.score(i, k)
            links[i].append(Link(claims[i].position, sources[k].id, LinkMethod.ORDER,
                                 round(min(0.75, 0.4 + value * 0.6), 2),
                                 {"similarity": round(value, 3), "shared_terms": also[:8], "list_position": k + 1,
                                  "cited_with": j + 1}))
    for i, claim in enumerate(claims):
        if i in links or i == 0 or not claim.continues:
            continue
        before = links.get(i - 1)
        if before and claims[i - 1].paragraph == claim.paragraph:
            links[i] = [Link(claim.position, parent.source_id, LinkMethod.CONTINUATION,
                             round(parent.confidence * 0.85, 2),
                             {"continues_claim": claims[i - 1].position, "parent_method": parent.method})
                        for parent in before]
    return [link for i in sorted(links) for link in links[i]]
