"""The claims stage for stored articles: extract, link and verify, then store (one transaction per article)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import refs
from refs import workers
from refs.claims import extract, link, verify
from refs.model import Claim, Link, RefEntry, SourceInfo, Verification
from refs.store import articles, claims, sources
from refs.store.ledger import Ledger
from refs.text import sentences


@dataclass
class ClaimSummary:
    articles: int = 0
    claims: int = 0
    sourced: int = 0
    unsourced: int = 0
    links: int = 0
    verified: int = 0
    contradicted: int = 0

    def add(self, other: ClaimSummary) -> None:
        for name, value in vars(other).items():
            setattr(self, name, getattr(self, name) + value)

    def add_counts(self, stored: dict[str, int]) -> None:
        """Count one article's claims (``stored``: as ``store.claims.counts`` gives them)."""
        self.articles += 1
        self.claims += stored["claims"]
        self.sourced += stored["sourced"]
        self.unsourced += stored["claims"] - stored["sourced"]
        self.links += stored["links"]
        self.verified += stored["verified"]
        self.contradicted += stored["contradicted"]


def analyse(text: str, references_line: int | None, cited: list[SourceInfo]) -> tuple[list[Claim], list[Link]]:
    """An article's claims and their links, each link verified against its source's abstract."""
    found = extract.extract(text, references_line)
    paper = sentences.research_paper(sentences.paragraphs(text, references_line))
    found, links = _kept(found, link.link(found, cited, research_paper=paper))
    abstracts = {s.id: s.abstract for s in cited}
    by_position = {claim.position: claim for claim in found}
    for each in links:
        claim = by_position[each.claim_position]
        outcome, checks = verify.verify(claim.text, claim.figures, abstracts.get(each.source_id))
        each.verification = outcome
        each.verification_detail = [c.as_dict() for c in checks]
    return found, links


def _kept(found: list[Claim], links: list[Link]) -> tuple[list[Claim], list[Link]]:
    """The claims without the candidate sentences no source was linked to, numbered again in order."""
    method: dict[int, str] = {}
    for each in links:
        method.setdefault(each.claim_position, each.method)
    kept = [claim for claim in found if not claim.candidate or claim.position in method]
    renumber = {claim.position: n for n, claim in enumerate(kept, start=1)}
    for claim in kept:
        if claim.candidate:
            claim.reason = f"linked to a source: {method[claim.position]}"
        claim.position = renumber[claim.position]
    for each in links:
        each.claim_position = renumber[each.claim_position]
    return kept, links


@dataclass
class Analysed:
    """What ``analyse`` found in an article before it was stored: its claims and links, and the sources
    they were found for (each source's id is its place in the list, counted from 0)."""

    cited: list[SourceInfo]
    claims: list[Claim]
    links: list[Link]

    @classmethod
    def of(cls, text: str, references_line: int | None, entries: list[RefEntry]) -> Analysed:
        cited = [SourceInfo.of(place, entry) for place, entry in enumerate(entries)]
        return cls(cited, *analyse(text, references_line, cited))

    def stored_as(self, cited: list[SourceInfo]) -> list[Link] | None:
        """The links with the ids of the stored sources ``cited``, or None when those say more than the
        entries did (a work already in the ledger with its Crossref title or abstract): linking and
        verification would then differ, and are done again."""
        if [replace(s, id=0) for s in cited] != [replace(s, id=0) for s in self.cited]:
            return None
        return [replace(each, source_id=cited[each.source_id].id) for each in self.links]


@lru_cache(maxsize=1)
def _rules() -> bytes:
    """A fingerprint of the code claims are found, linked and verified by (this stage and the text tools it
    reads with): claims that other code found are found again."""
    root = Path(__file__).resolve().parents[1]
    # The version too: an installation that ships no source files still finds claims again when upgraded.
    digest = hashlib.sha256(refs.__version__.encode())
    for path in sorted([*(root / "claims").glob("*.py"), *(root / "text").glob("*.py"), root / "model.py"]):
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.digest()


def digest(text: str, references_line: int | None, cited: list[SourceInfo]) -> str:
    """What an article's claims are found from, as one digest: equal digests, equal claims and links."""
    return hashlib.sha256(_rules() + repr((text, references_line, cited)).encode()).hexdigest()


# One article's id, stored text, where its list starts and its sources (what ``analyse`` needs), and the
# digest of those.
_Job = tuple[tuple[str, str, int | None, list[SourceInfo]], str]


def _analyse_job(job: _Job) -> tuple[list[Claim], list[Link]]:
    _, text, references_line, cited = job[0]
    return analyse(text, references_line, cited)


def rebuild(ledger: Ledger, article_ids: list[str] | None = None, ahead: dict[str, Analysed] | None = None,
            processes: int = 0, again: bool = True) -> ClaimSummary:
    """(Re)compute the claims of the given articles (default: all) from their text and sources (``ahead``:
    what was found in the very text some of them were stored with, by article id), in ``processes``
    worker processes when more than one, stored here in order. ``again`` False: an article whose text,
    sources and rules are those its stored claims were found from keeps them."""
    known = ahead or {}
    kept: set[str] = set()

    def jobs() -> Iterator[_Job]:
        for article_id in articles.ids(ledger) if article_ids is None else article_ids:
            stored = articles.body(ledger, article_id)
            if stored is None:
                continue
            cited = sources.for_linking(ledger, article_id)
            made = digest(*stored, cited)
            if not again and made == articles.claims_digest(ledger, article_id):
                kept.add(article_id)
            yield (article_id, *stored, cited), made

    def wanted(job: _Job) -> bool:
        return job[0][0] not in known and job[0][0] not in kept

    summary = ClaimSummary()
    for ((article_id, text, references_line, cited), made), worked in workers.ahead(
            _analyse_job, jobs(), processes, wanted):
        if article_id in kept:
            summary.add_counts(claims.counts(ledger, article_id))
            continue
        done = known.get(article_id)
        links = done.stored_as(cited) if done else None
        if done and links is not None:
            found = done.claims
        else:
            found, links = worked or analyse(text, references_line, cited)
        claims.replace_for_article(ledger, article_id, found, links, made)
        summary.add_counts({
            "claims": len(found), "sourced": len({each.claim_position for each in links}), "links": len(links),
            "verified": sum(each.verification == Verification.VERIFIED for each in links),
            "contradicted": sum(each.verification == Verification.CONTRADICTED for each in links)})
    return summary
