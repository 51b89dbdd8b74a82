"""Check a claim's figures against the abstract of the work it is linked to.

Per figure: ``verified`` (the same figure stated in the abstract near the
claim's key terms), ``approximate`` (the claim rounds or words it: "two-thirds"
for 66.7%), ``contradicted`` (the abstract gives the same quantity another
figure), ``not_in_abstract``. A link's outcome is the gravest of its figures',
or ``no_abstract`` when the work has none. Claims without figures are not checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from refs.claims import figures as figures_mod
from refs.model import Figure, Verification
from refs.text.topics import terms

_WINDOW = 70  # characters around a figure that say what it measures
_PERCENT_KINDS = {"percentage", "fraction", "proportion"}
_RANK = ["contradicted", "not_in_abstract", "approximate", "verified"]
_CLAUSE_MARKS = (",", ";", ". ", " while ", " whereas ", " but ", " and ")


@dataclass(frozen=True)
class Check:
    figure: str
    outcome: str
    abstract_figure: str | None
    abstract_context: str | None

    def as_dict(self) -> dict[str, Any]:
        return {"figure": self.figure, "outcome": self.outcome, "abstract_figure": self.abstract_figure,
                "abstract_context": self.abstract_context}


def _dimension(figure: Figure) -> str:
    if figure.kind in _PERCENT_KINDS:
        return "percent"
    if figure.kind in ("count", "duration"):
        return f"{figure.kind}:{figure.unit}"
    return figure.kind


def _context(text: str, figure: Figure) -> str:
    return text[max(0, figure.start - _WINDOW): figure.end + _WINDOW]


def _same_value(a: Figure, b: Figure) -> bool:
    tolerance = 0.05 if _dimension(a) == "percent" else 1e-9
    if abs(a.value - b.value) > tolerance:
        return False
    if a.value_high is None or b.value_high is None:
        return a.value_high is None and b.value_high is None
    return abs(a.value_high - b.value_high) <= tolerance


def _close_value(a: Figure, b: Figure) -> bool:
    """Honest rounding: within 5 percentage points, or 10% of the value."""
    if _dimension(a) == "percent":
        return abs(a.value - b.value) <= 5.0
    return abs(a.value - b.value) <= 0.1 * max(abs(b.value), 1e-9)


def _clause(text: str, figure: Figure) -> str:
    """The clause a figure sits in: what it is a figure of ("64.5% reported feeling numb")."""
    start = max(text.rfind(mark, 0, figure.start) for mark in _CLAUSE_MARKS)
    ends = [i for i in (text.find(mark, figure.end) for mark in _CLAUSE_MARKS) if i >= 0]
    return text[start + 1: min(ends) if ends else len(text)]


def check_figure(claim_text: str, figure: Figure, abstract: str, abstract_figures: list[Figure]) -> Check:
    """The outcome for one claim figure against one abstract."""
    own = terms(figure.text)
    near = terms(_context(claim_text, figure)) - own
    clause = terms(_clause(claim_text, figure)) - own
    candidates = [f for f in abstract_figures if _dimension(f) == _dimension(figure)]
    for candidate in candidates:
        # A count or duration carries its own noun ("200 participants"); a bare percentage
        # must also share a word with the abstract around it.
        says_what = ":" in _dimension(figure) or bool(near & terms(_context(abstract, candidate)))
        if _same_value(figure, candidate) and says_what:
            outcome = "approximate" if figure.approximate else "verified"
            return Check(figure.text, outcome, candidate.text, _context(abstract, candidate).strip())
    scored = [(len(clause & terms(_clause(abstract, c))), c) for c in candidates]
    top = max((shared for shared, _ in scored), default=0)
    same_quantity = [c for shared, c in scored if shared == top]
    if top >= 1 and len(same_quantity) == 1:
        candidate = same_quantity[0]
        context = _clause(abstract, candidate).strip()
        if _close_value(figure, candidate) and (figure.approximate or candidate.approximate):
            return Check(figure.text, "approximate", candidate.text, context)
        if not _same_value(figure, candidate):
            return Check(figure.text, "contradicted", candidate.text, context)
    return Check(figure.text, "not_in_abstract", None, None)


def verify(claim_text: str, claim_figures: list[Figure], abstract: str | None
           ) -> tuple[Verification | None, list[Check]]:
    """Outcome of a claim against one abstract, with the per-figure checks."""
    checkable = [f for f in claim_figures if f.kind != "study_year"]
    if not checkable:
        return None, []
    if not abstract:
        return Verification.NO_ABSTRACT, []
    abstract_figures = figures_mod.find(abstract)
    checks = [check_figure(claim_text, f, abstract, abstract_figures) for f in checkable]
    outcome = min((c.outcome for c in checks), key=_RANK.index)
    return Verification(outcome), checks
