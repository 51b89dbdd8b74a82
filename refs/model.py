"""The things refs knows about, shared by every stage: articles, reference entries, people, works, claims.

Every status word is a ``StrEnum``: it compares equal to, binds into SQLite as,
and serialises to JSON as its plain string, and the ledger's CHECK
constraints list the same words (a test keeps the two in step).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any


class ArticleFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"


class TitleSource(StrEnum):
    HTML_TITLE = "html-title"
    MARKDOWN_HEADING = "markdown-heading"
    FIRST_LINE = "first-line"
    FILE_NAME = "file-name"


class IngestStatus(StrEnum):
    ADDED = "added"
    REPLACED = "replaced"
    UNCHANGED = "unchanged"
    DUPLICATE = "duplicate"  # the same content is already in the ledger under another path


class FieldMethod(StrEnum):
    """How a field of a reference entry was obtained."""

    TEXT = "reference-text"  # read from the printed reference
    LINK = "link"  # taken from a hyperlink target in the article
    CITATION_KEY = "citation-key"  # named by a Manubot citation key ("@doi:10...")
    BIBLIOGRAPHY = "bibliography"  # from the draft's bibliography file, for its pandoc citation key
    CITATION = "in-text-citation"  # from an author-year citation in the text, where no reference list is printed


class MetadataSource(StrEnum):
    """Where a work's bibliographic fields come from."""

    REFERENCE_TEXT = "reference-text"
    CROSSREF = "crossref"


class SourceStatus(StrEnum):
    """What resolution through Crossref found for one reference entry."""

    PENDING = "pending"
    RESOLVED = "resolved"
    MATCHED = "matched"
    NOT_FOUND = "not_found"
    COULD_NOT_CHECK = "could_not_check"
    UNMATCHED = "unmatched"
    NOT_APPLICABLE = "not_applicable"
    DOI_MISMATCH = "doi_mismatch"  # the DOI's record is another work than the reference describes


class UpdateStatus(StrEnum):
    """The gravest notice Crossref records on a work, gravest first."""

    RETRACTED = "retracted"
    WITHDRAWN = "withdrawn"
    EXPRESSION_OF_CONCERN = "expression_of_concern"
    CORRECTED = "corrected"


class UpdateRelation(StrEnum):
    UPDATED_BY = "updated-by"
    UPDATE_TO = "update-to"
    RELATION = "relation"


class ClaimKind(StrEnum):
    """What a claim states: a figure, a study's finding, an effect ("X can cause Y"), an association, a
    definition, or a person's words."""

    FIGURE = "figure"
    FINDING = "finding"
    EFFECT = "effect"
    ASSOCIATION = "association"
    DEFINITION = "definition"
    QUOTE = "quote"


class LinkMethod(StrEnum):
    MARKER = "marker"
    DESCRIBED_STUDY = "described-study"
    ORDER = "order"
    CONTINUATION = "continuation"


class Verification(StrEnum):
    """A claim's figures against the linked work's abstract."""

    VERIFIED = "verified"
    APPROXIMATE = "approximate"
    CONTRADICTED = "contradicted"
    NOT_IN_ABSTRACT = "not_in_abstract"
    NO_ABSTRACT = "no_abstract"


class ClaimStatus(StrEnum):
    """A draft claim's verdict in ``refs check``."""

    SUPPORTED = "supported"
    ROUNDED = "rounded"
    FIGURE_MISMATCH = "figure_mismatch"
    UNSOURCED = "unsourced"
    CITES_PROBLEM_SOURCE = "cites_problem_source"
    UNVERIFIED = "unverified"


class ReferenceStatus(StrEnum):
    """A draft reference entry's verdict in ``refs check``."""

    OK = "ok"
    NOT_FOUND = "not_found"
    METADATA_MISMATCH = "metadata_mismatch"
    RETRACTED = "retracted"
    CORRECTED = "corrected"
    UNMATCHED = "unmatched"
    COULD_NOT_CHECK = "could_not_check"
    WEB_SOURCE = "web_source"


# The verdicts ``refs check`` counts as problems.
CLAIM_PROBLEMS = (ClaimStatus.FIGURE_MISMATCH, ClaimStatus.UNSOURCED, ClaimStatus.CITES_PROBLEM_SOURCE)
REFERENCE_PROBLEMS = (ReferenceStatus.NOT_FOUND, ReferenceStatus.METADATA_MISMATCH, ReferenceStatus.RETRACTED,
                      ReferenceStatus.CORRECTED, ReferenceStatus.UNMATCHED)


@dataclass
class Person:
    """A person (family, given) or an organisation (name)."""

    family: str | None = None
    given: str | None = None
    name: str | None = None
    orcid: str | None = None

    @property
    def label(self) -> str:
        """The name as a listing shows it: an organisation whole, a person "Family Given"."""
        if self.name:
            return self.name
        return " ".join(part for part in (self.family, self.given) if part)

    @property
    def surname(self) -> str | None:
        """What matching and citation keys compare: the family name, or the organisation."""
        return self.family or self.name


@dataclass
class RefEntry:
    """One reference-list entry as printed, and the fields parsed from it (``methods``: field -> how)."""

    raw: str
    style: str
    kind: str
    authors: list[Person] = field(default_factory=list)
    et_al: bool = False
    year: int | None = None
    title: str | None = None
    container: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    url: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    publisher: str | None = None  # a book's or thesis's: "Academic Press", "Stanford University"
    place: str | None = None  # where it was published: "New York"
    methods: dict[str, str] = field(default_factory=dict)
    position: int = 0  # place in the article's list (1-based); 0 before it is placed
    number: int | None = None  # the number printed with it, if any
    id: int | None = None  # the ledger's source id, once stored

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Article:
    """An article as refs sees it: plain text, what the file said about itself, and its reference list."""

    path: Path
    text: str
    format: ArticleFormat
    sha256: str
    size: int
    title: str
    title_source: TitleSource
    links: list[tuple[str, str]] = field(default_factory=list)  # (anchor text, href)
    entries: list[RefEntry] = field(default_factory=list)
    references_line: int | None = None  # where the reference list starts (a line index)
    location: str | None = None  # where it came from when that is not a file (a URL, "refs add")
    bibliography: str | None = None  # the bibliography file a Markdown draft names in its front matter
    # What reading it found: citations that point at nothing (dangling keys, markers past the list), which
    # leave a check incomplete; and notes that do not (entries nothing cites).
    unresolved: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    original: str | None = None  # the file's text as read (decoded), before rendering: what offsets point into


@dataclass
class WorkUpdate:
    """A notice on a work: a retraction, correction, expression of concern..."""

    relation: UpdateRelation
    update_type: str
    notice_doi: str | None
    label: str | None
    source: str | None
    date: str | None


_UPDATE_STATUS = {
    "retraction": UpdateStatus.RETRACTED,
    "removal": UpdateStatus.RETRACTED,
    "withdrawal": UpdateStatus.WITHDRAWN,
    "expression_of_concern": UpdateStatus.EXPRESSION_OF_CONCERN,
    "expression-of-concern": UpdateStatus.EXPRESSION_OF_CONCERN,
    "correction": UpdateStatus.CORRECTED,
    "corrigendum": UpdateStatus.CORRECTED,
    "erratum": UpdateStatus.CORRECTED,
    "partial_retraction": UpdateStatus.CORRECTED,
}


@dataclass
class Work:
    """A cited work: from its Crossref record, or from the reference text until one is found.

    ``key``, ``kind``, ``notices`` and ``claims_supported`` are what the ledger adds
    beyond the record (exports need them).
    """

    doi: str | None
    type: str | None = None
    title: str | None = None
    title_raw: str | None = None
    subtitle: str | None = None
    container: str | None = None
    short_container: str | None = None
    year: int | None = None
    issued: str | None = None  # ISO date, as precise as the record
    print_year: int | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    article_number: str | None = None
    issn: str | None = None
    isbn: str | None = None
    publisher: str | None = None
    publisher_place: str | None = None
    url: str | None = None
    cited_by_count: int | None = None
    abstract: str | None = None
    abstract_raw: str | None = None
    authors: list[Person] = field(default_factory=list)
    updates: list[WorkUpdate] = field(default_factory=list)
    key: str = ""
    kind: str = "other"
    metadata_source: MetadataSource = MetadataSource.CROSSREF
    stored_update_status: UpdateStatus | None = None
    notices: list[str] = field(default_factory=list)
    claims_supported: int = 0

    @property
    def update_status(self) -> UpdateStatus | None:
        """The gravest notice on this work (from its updates, or as stored)."""
        found = {
            _UPDATE_STATUS.get(u.update_type.lower())
            for u in self.updates
            if u.relation == UpdateRelation.UPDATED_BY and u.update_type != "new_version"
        }
        for status in UpdateStatus:
            if status in found:
                return status
        return self.stored_update_status

    @property
    def date_parts(self) -> tuple[int | None, int | None, int | None]:
        """(year, month, day) from ``issued``, else the year alone."""
        if self.issued:
            parts = [int(p) for p in self.issued.split("-")]
            parts += [0] * (3 - len(parts))
            return parts[0], parts[1] or None, parts[2] or None
        return self.year, None, None

    @property
    def notes(self) -> list[str]:
        """What a note field should say: notices first, then how many claims rest on the work."""
        lines = list(self.notices)
        if self.claims_supported:
            plural = "s" if self.claims_supported != 1 else ""
            lines.append(f"Supports {self.claims_supported} claim{plural} in the refs ledger")
        return lines


@dataclass(frozen=True)
class Figure:
    """One figure stated in a text, with its span."""

    text: str
    start: int
    end: int
    kind: str
    value: float
    value_high: float | None
    unit: str | None
    approximate: bool


@dataclass(frozen=True)
class AuthorYear:
    """An author-year citation as written: "Cao and Zhang, 2004a", "Yu et al., 2010", "Baas and colleagues"."""

    family: str
    year: int | None = None
    suffix: str = ""  # the letter telling apart one author's works of a year ("2004a")
    second: str | None = None  # the second author named ("Cao and Zhang")
    et_al: bool = False  # "et al." or "and colleagues": three or more authors
    keyed: bool = False  # a citation key ("[Kroenke2001]"), which says nothing of how many authors there are

    @property
    def label(self) -> str:
        if self.keyed:
            return f"[{self.family}{self.year or ''}{self.suffix}]"
        with_second = f"{self.family} and {self.second}" if self.second else self.family
        if self.year is None:
            return f"{with_second} and colleagues" if self.et_al else with_second
        return f"{with_second}{' et al.' if self.et_al else ''} {self.year}{self.suffix}"


@dataclass
class Markers:
    """Explicit pointers to sources written in a claim."""

    numbers: list[int] = field(default_factory=list)
    author_years: list[AuthorYear] = field(default_factory=list)
    dois: list[str] = field(default_factory=list)


@dataclass
class Claim:
    """A checkable sentence of an article, with offsets into the article's text."""

    position: int
    text: str
    start: int
    end: int
    paragraph: int
    kind: ClaimKind
    person: str | None
    figures: list[Figure]
    markers: Markers = field(default_factory=Markers)
    study_year: int | None = None  # the year of the study this sentence describes, if any
    continues: str | None = None  # the words saying it carries on the sentence before ("The same survey")
    reason: str = ""  # why the sentence is a claim ("states a figure: 64.5%")
    candidate: bool = False  # states nothing checkable by its words: a claim only if a source is linked to it


@dataclass
class SourceInfo:
    """What linking needs to know about one reference-list entry and its work."""

    id: int
    position: int
    number: int | None
    first_family: str | None
    year: int | None
    doi: str | None
    title: str | None
    abstract: str | None = None
    organisation: str | None = None
    second_family: str | None = None
    authors: int = 0  # how many authors the entry names (an "et al." entry counts as three or more)
    year_suffix: str = ""  # "a" when the entry's year is printed "2004a"

    @classmethod
    def of(cls, source_id: int, entry: RefEntry, *, year: int | None = None, title: str | None = None,
           abstract: str | None = None) -> SourceInfo:
        """What linking needs from an entry (``year``/``title``: its work's, where the entry has none)."""
        first = entry.authors[0] if entry.authors else None
        second = entry.authors[1] if len(entry.authors) > 1 else None
        suffix = re.search(rf"\b{entry.year}([a-z])\b", entry.raw) if entry.year else None
        return cls(id=source_id, position=entry.position, number=entry.number,
                   first_family=first.surname if first else None, year=entry.year or year,
                   doi=entry.doi, title=entry.title or title, abstract=abstract,
                   organisation=first.name if first and first.name else None,
                   second_family=second.surname if second else None,
                   authors=max(len(entry.authors), 3) if entry.et_al else len(entry.authors),
                   year_suffix=suffix.group(1) if suffix else "")


@dataclass
class Link:
    """A claim resting on a source: how the link was made, how sure it is, and what the abstract says."""

    claim_position: int
    source_id: int
    method: LinkMethod
    confidence: float
    evidence: dict[str, Any] = field(default_factory=dict)
    verification: Verification | None = None
    verification_detail: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class IngestResult:
    """What ingesting one article did."""

    article_id: str
    path: str
    status: IngestStatus
    n_sources: int
    n_dois: int
    warnings: list[str] = field(default_factory=list)
