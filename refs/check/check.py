"""Fact-check a draft against the ledger and the sources it cites.

The draft goes through the same stages as an article (reference list,
Crossref, claims, links, figure checks) in a scratch ledger, so the library
itself is left alone unless the draft is added on purpose. Raw Crossref
answers are shared with the library's cache either way: nothing is fetched twice.

Claim statuses: ``supported``, ``rounded``, ``figure_mismatch``, ``unsourced``,
``cites_problem_source``, and ``unverified`` (cited, but neither an abstract nor
a ledger claim says anything to compare). Reference statuses: ``ok``,
``not_found``, ``metadata_mismatch``, ``retracted``, ``corrected``, ``unmatched``,
``could_not_check`` and ``web_source`` (a web page: nothing to look up).
"""

from __future__ import annotations

import json
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from refs import pipeline
from refs.claims import lookup, verify
from refs.model import (
    CLAIM_PROBLEMS,
    REFERENCE_PROBLEMS,
    ClaimStatus,
    Figure,
    ReferenceStatus,
    SourceStatus,
    UpdateStatus,
)
from refs.store import articles, cache, claims, sources
from refs.store.ledger import Ledger
from refs.text import offsets
from refs.text.topics import terms

SCHEMA = "refs-check/1"

_SAME_TOPIC_TERMS = 2  # content words a ledger claim must share to be about the same thing
_SAME_TOPIC_SHARE = 0.3


@dataclass
class ClaimReport:
    position: int
    text: str
    start: int
    end: int
    kind: str
    person: str | None
    status: str
    reason: str
    figures: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    suggestions: list[dict[str, Any]] = field(default_factory=list)
    # Where the claim is in the draft file as read (characters; ``start``/``end`` index the text the draft
    # was rendered to, which differs for Markdown and HTML). None where it cannot be placed.
    file_start: int | None = None
    file_end: int | None = None


@dataclass
class ReferenceReport:
    position: int
    raw: str
    doi: str | None
    status: str
    reason: str
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class Report:
    path: str
    title: str
    format: str
    text: str
    claims: list[ClaimReport]
    references: list[ReferenceReport]
    offline: bool
    reading: list[str] = field(default_factory=list)  # what reading the draft found unresolvable (dangling keys)

    @property
    def problems(self) -> int:
        return sum(c.status in CLAIM_PROBLEMS for c in self.claims) + sum(
            r.status in REFERENCE_PROBLEMS for r in self.references)

    @property
    def incomplete(self) -> list[str]:
        """Why the check is not complete (empty when every reference could be checked)."""
        unchecked = [r for r in self.references if r.status == ReferenceStatus.COULD_NOT_CHECK]
        out = list(self.reading)
        if not unchecked:
            return out
        reasons = sorted({r.reason for r in unchecked if r.reason})
        out.append(f"{len(unchecked)} of {len(self.references)} references could not be checked"
                   + (f" ({'; '.join(reasons)})" if reasons else "")
                   + "; what they are cited for is unchecked, not verified")
        return out

    @property
    def complete(self) -> bool:
        return not self.incomplete

    @property
    def exit_status(self) -> int:
        """0 all checked and nothing wrong, 1 problems, 3 nothing wrong found but not everything checked."""
        if self.problems:
            return 1
        return 0 if self.complete else 3

    def as_dict(self) -> dict[str, Any]:
        def count(items: list[Any]) -> dict[str, int]:
            out: dict[str, int] = {}
            for item in items:
                out[item.status] = out.get(item.status, 0) + 1
            return dict(sorted(out.items()))

        return {
            "schema": SCHEMA,
            "draft": {"path": self.path, "title": self.title, "format": self.format},
            "offline": self.offline,
            "complete": self.complete,
            "incomplete": self.incomplete,
            "summary": {
                "claims": len(self.claims), "claims_by_status": count(self.claims),
                "references": len(self.references), "references_by_status": count(self.references),
                "problems": self.problems, "exit_status": self.exit_status,
            },
            "claims": [c.__dict__ for c in self.claims],
            "references": [r.__dict__ for r in self.references],
        }


# -- references -----------------------------------------------------------------------------------


def _reference_reports(scratch: Ledger) -> tuple[list[ReferenceReport], dict[int, ReferenceReport]]:
    rows = sources.with_works(scratch)
    reports: list[ReferenceReport] = []
    by_source: dict[int, ReferenceReport] = {}
    for row in rows:
        found = SourceStatus(row["status"])
        reason = row["status_reason"] or ""
        details: dict[str, Any] = {}
        status: ReferenceStatus
        if found in (SourceStatus.RESOLVED, SourceStatus.MATCHED, SourceStatus.DOI_MISMATCH):
            notice = UpdateStatus(row["update_status"]) if row["update_status"] else None
            if notice in (UpdateStatus.RETRACTED, UpdateStatus.WITHDRAWN):
                status, reason = ReferenceStatus.RETRACTED, f"Crossref records the work as {notice}"
            elif notice in (UpdateStatus.CORRECTED, UpdateStatus.EXPRESSION_OF_CONCERN):
                status = ReferenceStatus.CORRECTED
                reason = f"Crossref records a notice: {str(notice).replace('_', ' ')}"
            elif row["agreement"] == "disagrees":
                status = ReferenceStatus.METADATA_MISMATCH
                details["disagreements"] = json.loads(row["disagreements"])
                fields = ", ".join(d["field"] for d in details["disagreements"])
                reason = f"the DOI belongs to another paper ({fields} differ): {row['work_title']}"
            else:
                reason = "matched by bibliographic search" if found == SourceStatus.MATCHED else \
                    "Crossref record agrees"
                status = ReferenceStatus.OK
            if found == SourceStatus.MATCHED:
                details["match_score"] = row["match_score"]
                details["doi_found"] = row["work_doi"]
        elif found == SourceStatus.NOT_APPLICABLE:
            status = ReferenceStatus.WEB_SOURCE
        elif found == SourceStatus.PENDING:
            status, reason = ReferenceStatus.COULD_NOT_CHECK, "not resolved"
        else:
            status = ReferenceStatus(found.value)  # not_found, could_not_check, unmatched: the same words
        report = ReferenceReport(row["position"], row["raw"], row["doi"], status, reason, details)
        reports.append(report)
        by_source[row["id"]] = report
    return reports, by_source


# -- claims against the ledger --------------------------------------------------------------------


def _ledger_candidates(library: Ledger, text: str, known: dict[str, int | None], exclude: set[str],
                       limit: int = 20) -> list[dict[str, Any]]:
    """Sourced ledger claims about the same thing as ``text``: shared words, found through the FTS index;
    never the claims of the draft itself (``exclude``: its article ids, when it was added). A ledger claim
    that cites nothing is no evidence for or against a draft."""
    wanted = terms(text)
    if not wanted:
        return []
    words = [w for w in re.findall(r"[^\W\d_]+", text.lower()) if len(w) > 3 and terms(w) & wanted]
    others = sorted(exclude)
    # Six words rather than four: a topic common among the ledger's unsourced claims ("numb") must not
    # crowd out the words a sourced claim shares.
    found = lookup.search_sharing(library, lookup.rare_words(library, words, 6, known=known, exclude=others),
                                  limit=limit, exclude=others, sourced_only=True)
    out = []
    for claim in found:
        shared = wanted & terms(claim["text"])
        if len(shared) >= _SAME_TOPIC_TERMS and len(shared) / max(len(wanted), 1) >= _SAME_TOPIC_SHARE:
            out.append(claim | {"shared_terms": sorted(shared)})
    stored = claims.figure_objects(library, {claim["claim_id"]: claim["text"] for claim in out})
    return [claim | {"figure_objects": stored.get(claim["claim_id"], [])} for claim in out]


# Whole populations a figure can be about. A draft's figure about one of them is compared only with a ledger
# figure whose claim or cited source names the same population: "10% of adults" is not contradicted by
# "64.5% [of a survey's respondents]" on the same topic.
_POPULATIONS = re.compile(
    r"\b(?:adults?|americans?|population|general public|children|kids|teens|teenagers|adolescents|women|men|"
    r"everyone|people worldwide|worldwide|nationwide|globally|seniors|older adults|the elderly|infants|"
    r"students|workers|employees|veterans)\b", re.IGNORECASE)


def _same_population(text: str, other: dict[str, Any]) -> bool:
    """Whether a ledger claim can be about the same people as ``text``: every whole population the draft
    names is named by the ledger claim or a title of its sources too."""
    named = {m.group(0).lower().rstrip("s") for m in _POPULATIONS.finditer(text)}
    if not named:
        return True
    context = " ".join([other["text"], *(s.get("title") or "" for s in other["sources"])])
    return named <= {m.group(0).lower().rstrip("s") for m in _POPULATIONS.finditer(context)}


def _compare_figures(text: str, figs: list[Figure], other: dict[str, Any]) -> list[verify.Check]:
    """``figs`` of ``text`` against the stored figures of another claim."""
    return [verify.check_figure(text, f, other["text"], other["figure_objects"]) for f in figs
            if f.kind != "study_year"]


def _same_finding(text: str, candidates: list[dict[str, Any]], cited_dois: set[str]
                  ) -> list[dict[str, Any]] | None:
    """Evidence that a claim without figures is backed: a sourced ledger claim about the same thing,
    resting on a source the draft cites too, or sharing most of its words."""
    wanted = terms(text)
    for claim in candidates:
        if not claim["sources"]:
            continue
        shared = claim["shared_terms"]
        same_source = cited_dois & {s["doi"] for s in claim["sources"] if s["doi"]}
        if same_source or (len(shared) >= 3 and len(shared) / max(len(wanted), 1) >= 0.5):
            return [{"from": "ledger claim", "article_id": claim["article_id"], "position": claim["position"],
                     "text": claim["text"], "sources": [s["citation_key"] for s in claim["sources"]],
                     "shared_terms": shared, "same_source": sorted(same_source)}]
    return None


def _from_ledger(library: Ledger | None, text: str, figs: list[Figure], cited_dois: set[str],
                 known: dict[str, int | None], exclude: set[str]
                 ) -> tuple[str | None, list[dict[str, Any]], list[dict[str, Any]]]:
    """Status from the ledger's claims: (status or None, evidence, suggested sources)."""
    if library is None:
        return None, [], []
    candidates = _ledger_candidates(library, text, known, exclude)
    suggestions: list[dict[str, Any]] = []
    for claim in candidates:
        for source in claim["sources"]:
            key = source["citation_key"]
            if key and all(s["citation_key"] != key for s in suggestions):
                suggestions.append({"citation_key": key, "title": source["title"], "doi": source["doi"],
                                    "year": source["year"], "via_claim": claim["text"]})
    checkable = [f for f in figs if f.kind != "study_year"]
    best: tuple[str, list[dict[str, Any]]] | None = None
    rank = {"verified": 0, "contradicted": 1, "approximate": 2}
    for claim in candidates:
        if not checkable:
            break
        if not _same_population(text, claim):
            continue  # another population's figure says nothing about this one: offered as a hint only
        checks = _compare_figures(text, checkable, claim)
        outcomes = {c.outcome for c in checks}
        for outcome in ("contradicted", "verified", "approximate"):
            if outcome in outcomes:
                evidence = [{"from": "ledger claim", "article_id": claim["article_id"], "position": claim["position"],
                             "text": claim["text"], "sources": [s["citation_key"] for s in claim["sources"]],
                             "checks": [c.as_dict() for c in checks]}]
                if best is None or rank[outcome] < rank[best[0]]:
                    best = (outcome, evidence)
                break
    if best is None:
        backed = None if checkable else _same_finding(text, candidates, cited_dois)
        if backed:
            return "supported", backed, suggestions[:5]
        return None, [], suggestions[:5]
    status = {"verified": "supported", "contradicted": "figure_mismatch", "approximate": "rounded"}[best[0]]
    return status, best[1], suggestions[:5]


_FROM_ABSTRACT = (
    ("contradicted", ClaimStatus.FIGURE_MISMATCH, "the cited source's abstract gives another figure"),
    ("verified", ClaimStatus.SUPPORTED, "the cited source's abstract states the same figure"),
    ("approximate", ClaimStatus.ROUNDED, "the cited source's abstract states it more precisely"),
)
_FROM_LEDGER = {
    "figure_mismatch": "a ledger claim gives the same quantity another figure",
    "rounded": "a ledger claim states it more precisely",
}


def _verdict(report: ClaimReport, cited: list[ReferenceReport], figs: list[Figure],
             ledger: tuple[str | None, list[dict[str, Any]], list[dict[str, Any]]]) -> None:
    """Set a claim's status, reason and evidence: a problem source first, then the cited abstracts, then the
    ledger's claims; cited but uncheckable is ``unverified``; nothing at all is ``unsourced``."""
    problem = [r for r in cited if r.status in REFERENCE_PROBLEMS and r.status != ReferenceStatus.UNMATCHED]
    verifications = {s["verification"] for s in report.sources}
    ledger_status, ledger_evidence, suggestions = ledger
    if problem:
        report.status = ClaimStatus.CITES_PROBLEM_SOURCE
        report.reason = "; ".join(f"reference {r.position} is {r.status.replace('_', ' ')}: {r.reason}"
                                  for r in problem)
        report.evidence = [{"from": "reference", "position": r.position, "status": r.status, "raw": r.raw}
                           for r in problem]
        return
    for outcome, status, reason in _FROM_ABSTRACT:
        if outcome in verifications:
            report.status, report.reason = status, reason
            report.evidence = _abstract_evidence(report.sources, outcome)
            return
    if ledger_status is not None:
        report.status = ClaimStatus(ledger_status)
        supported = ("a ledger claim states the same figure about the same thing" if figs
                     else "a sourced ledger claim says the same thing")
        report.reason = _FROM_LEDGER.get(ledger_status, supported)
        report.evidence = ledger_evidence
    elif cited:
        report.status = ClaimStatus.UNVERIFIED
        report.reason = ("cited, but " + ("the source has no abstract in the ledger"
                                          if "no_abstract" in verifications
                                          else "nothing in the source's record or the ledger to compare"))
    else:
        report.status = ClaimStatus.UNSOURCED
        report.reason = "no citation and no matching claim in the ledger" + (
            "; related ledger claims (about other people or measures) are offered as hints" if suggestions else "")
        report.suggestions = suggestions


def _claim_reports(scratch: Ledger, article_id: str, library: Ledger | None,
                   by_source: dict[int, ReferenceReport], exclude: set[str]) -> list[ClaimReport]:
    reports = []
    known: dict[str, int | None] = {}
    for claim in claims.of_article(scratch, article_id):
        figs: list[Figure] = claim["figure_objects"]  # with offsets inside the claim, as the checks need
        report = ClaimReport(
            position=claim["position"], text=claim["text"], start=claim["start"], end=claim["end"],
            kind=claim["kind"], person=claim["person"], status="", reason="",
            figures=claim["figures"],
            sources=[{"position": s["source_position"], "citation_key": s["citation_key"], "doi": s["doi"],
                      "title": s["title"], "method": s["method"], "confidence": s["confidence"],
                      "verification": s["verification"], "verification_detail": s["verification_detail"]}
                     for s in claim["sources"]],
        )
        cited = [by_source[s["source_id"]] for s in claim["sources"] if s["source_id"] in by_source]
        cited_dois = {s["doi"] for s in claim["sources"] if s["doi"]}
        _verdict(report, cited, figs, _from_ledger(library, claim["text"], figs, cited_dois, known, exclude))
        reports.append(report)
    return reports


def _abstract_evidence(sources: list[dict[str, Any]], outcome: str) -> list[dict[str, Any]]:
    return [{"from": "abstract", "citation_key": s["citation_key"], "doi": s["doi"],
             "checks": s["verification_detail"]} for s in sources if s["verification"] == outcome]


# -- the run --------------------------------------------------------------------------------------


def check(draft: Path, library: Ledger | None, crossref: pipeline.Crossref, *, add: bool = False,
          bibliography: Path | None = None) -> Report:
    """Check ``draft``; with ``add`` it is also ingested into ``library``; ``bibliography`` is where its
    pandoc citation keys are looked up.

    The draft runs through the pipeline in a scratch ledger that starts with the
    library's Crossref cache; what the check fetched goes back into the library's cache.
    """
    article = next(iter(pipeline.read([draft], bibliography))).parse()
    with tempfile.TemporaryDirectory(prefix="refs-check-") as tmp:
        scratch = Ledger(Path(tmp) / "draft.sqlite")
        try:
            if library is not None:
                cache.copy(library, scratch)
            run = pipeline.run(scratch, [article], crossref=crossref, scope=pipeline.Scope.ALL)
            if library is not None and not library.readonly:
                cache.copy(scratch, library)  # what was fetched for the draft is not fetched again
            references, by_source = _reference_reports(scratch)
            # A draft is never compared with itself (added earlier with --add, or the same file elsewhere).
            own = articles.same_as(library, article.sha256, str(draft.resolve())) if library is not None else set()
            found = _claim_reports(scratch, run.articles[0].article_id, library, by_source, own)
        finally:
            scratch.close()
    if add and library is not None:
        # The cache now holds what the check fetched: the added article resolves from it.
        pipeline.run(library, [article], crossref=pipeline.Crossref(None, offline=True))
    if article.original is not None:
        ordered = sorted(found, key=lambda c: c.start)
        for report, span in zip(ordered, offsets.locate(article.original, article.format, [c.text for c in ordered]),
                                strict=True):
            report.file_start, report.file_end = span if span else (None, None)
    return Report(path=str(draft), title=article.title, format=article.format, text=article.text, claims=found,
                  references=references, offline=crossref.offline,
                  reading=list(article.unresolved))
