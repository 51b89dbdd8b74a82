"""Compare a parsed reference with a Crossref record.

Two uses: accepting a bibliographic-search candidate for a reference without
DOI (strict: title, first author and year must all agree), and checking that
a reference's DOI points at the paper the reference describes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from refs.model import RefEntry, Work
from refs.text.fold import fold

TITLE_ACCEPT = 90.0  # search candidates: titles this similar (0-100) or more
TITLE_AGREE = 85.0  # DOI agreement: looser, references shorten titles
YEAR_SLACK = 1  # online-first vs print year
_STOP = {"and", "of", "the", "for", "in", "on", "a", "an", "&", "de", "la", "und"}


def title_similarity(reference: str | None, record: Work) -> float:
    """Best similarity (0-100) of the reference title to the record's title, with or without subtitle."""
    ref = fold(reference)
    if not ref or not record.title:
        return 0.0
    candidates = [fold(record.title)]
    if record.subtitle:
        candidates.append(fold(f"{record.title} {record.subtitle}"))
    return max(fuzz.ratio(ref, candidate) for candidate in candidates)


def _family(value: str | None) -> str:
    return fold(value).replace(" ", "")


def first_author_agrees(citation: RefEntry, record: Work) -> bool | None:
    """Does the first author's family name (or organisation) match? None when either side has none."""
    if not citation.authors or not record.authors:
        return None
    ref, rec = citation.authors[0], record.authors[0]
    ref_name = _family(ref.surname)
    rec_name = _family(rec.surname)
    if not ref_name or not rec_name:
        return None
    return ref_name == rec_name or (len(ref_name) > 3 and (ref_name in rec_name or rec_name in ref_name))


def year_agrees(citation: RefEntry, record: Work) -> bool | None:
    years = [y for y in (record.year, record.print_year) if y]
    if citation.year is None or not years:
        return None
    return any(abs(citation.year - y) <= YEAR_SLACK for y in years)


def _is_abbreviation(short: list[str], full: list[str]) -> bool:
    """'patient prefer adherence' abbreviates 'patient preference and adherence'."""
    words = [w for w in full if w not in _STOP]
    short = [w for w in short if w not in _STOP]
    if not short or len(short) != len(words):
        return False
    return all(w.startswith(s) for s, w in zip(short, words, strict=True))


def container_agrees(citation: RefEntry, record: Work) -> bool | None:
    if not citation.container:
        return None
    names = [n for n in (record.container, record.short_container) if n]
    if not names:
        return None
    ref = fold(citation.container).split()
    for name in names:
        full = fold(name).split()
        if ref == full or _is_abbreviation(ref, full) or _is_abbreviation(full, ref):
            return True
        if fuzz.ratio(" ".join(ref), " ".join(full)) >= 90:
            return True
    # "The Spanish Journal of Psychology" vs "Span J Psychol" with a leading article.
    return _is_abbreviation([w for w in ref if w != "the"], fold(names[-1]).split())


@dataclass
class Agreement:
    """How a reference compares with the record its DOI resolves to."""

    agrees: bool
    disagreements: list[dict[str, Any]] = field(default_factory=list)
    compared: list[str] = field(default_factory=list)


def check_agreement(citation: RefEntry, record: Work) -> Agreement:
    """Compare title, first author, year and journal; list every field that differs."""
    disagreements: list[dict[str, Any]] = []
    compared: list[str] = []
    if citation.title and record.title:
        compared.append("title")
        score = title_similarity(citation.title, record)
        if score < TITLE_AGREE:
            disagreements.append({"field": "title", "reference": citation.title, "record": record.title,
                                  "similarity": round(score, 1)})
    checks = (
        ("first_author", first_author_agrees(citation, record),
         citation.authors[0].surname if citation.authors else None,
         record.authors[0].surname if record.authors else None),
        ("year", year_agrees(citation, record), citation.year, record.year),
        ("container", container_agrees(citation, record), citation.container, record.container),
    )
    for name, verdict, ref_value, rec_value in checks:
        if verdict is None:
            continue
        compared.append(name)
        if not verdict:
            disagreements.append({"field": name, "reference": ref_value, "record": rec_value})
    return Agreement(agrees=not disagreements, disagreements=disagreements, compared=compared)


@dataclass
class Match:
    """A search candidate accepted for a reference, with the evidence."""

    record: Work
    score: float
    evidence: dict[str, Any]


def accept_candidate(citation: RefEntry, candidates: list[Work]) -> tuple[Match | None, list[dict[str, Any]]]:
    """The first candidate whose title, first author and year all agree; and why others were rejected."""
    rejected: list[dict[str, Any]] = []
    for rank, record in enumerate(candidates, start=1):
        similarity = title_similarity(citation.title, record)
        author = first_author_agrees(citation, record)
        year = year_agrees(citation, record)
        evidence = {
            "rank": rank,
            "doi": record.doi,
            "title_similarity": round(similarity, 1),
            "first_author": {"reference": _name(citation), "record": _record_name(record), "agrees": author},
            "year": {"reference": citation.year, "record": record.year, "print_year": record.print_year,
                     "agrees": year},
        }
        # Precision first: every check must pass; a missing side counts as a failure.
        if similarity >= TITLE_ACCEPT and author is True and year is True:
            return Match(record=record, score=round(similarity, 1), evidence=evidence), rejected
        rejected.append(evidence)
    return None, rejected


def _name(citation: RefEntry) -> str | None:
    return citation.authors[0].surname if citation.authors else None


def _record_name(record: Work) -> str | None:
    return record.authors[0].surname if record.authors else None
