"""Turn an article file into an ``Article``: its text, and its reference list with every entry parsed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from refs.ingest import pandoc, parse, reflist
from refs.ingest.reader import Loaded, load, read_document
from refs.model import Article, ArticleFormat, FieldMethod, Person, RefEntry
from refs.text import authoryear, markers
from refs.text import doi as doi_mod


def _link_dois(article: Article) -> set[str]:
    """DOIs that reached the text only through a hyperlink target."""
    found: set[str] = set()
    for anchor, href in article.links:
        target = doi_mod.first(href)
        if target and doi_mod.first(anchor) != target:
            found.add(target)
    return found


def parse_entries(article: Article, section: reflist.Section) -> list[RefEntry]:
    """The entries of a located reference list, each parsed and placed."""
    linked = _link_dois(article)
    parsed = []
    for listed in section.entries:
        entry = parse.parse(listed.text)
        entry.position, entry.number = listed.position, listed.number
        if entry.doi and entry.doi in linked:
            entry.methods["doi"] = FieldMethod.LINK
        parsed.append(entry)
    return parsed


def _cited_keys(article: Article, bibliography: pandoc.Bibliography | None) -> bool:
    """A Markdown draft citing with pandoc/Manubot keys: its sources are the keys it cites (in place).
    Returns whether it cites any."""
    if article.format != ArticleFormat.MARKDOWN or "@" not in article.text:
        return False
    if bibliography is None and article.bibliography:
        bibliography = pandoc.Bibliography.read(article.path.parent / article.bibliography)
    works = bibliography.works if bibliography else {}
    cited = pandoc.replace(article.text, set(works))
    if not cited.keys:
        return False
    article.text = cited.text
    article.entries = []
    dangling = []
    for number, key in enumerate(cited.keys, start=1):
        entry = pandoc.entry_for(key, works)
        if entry is None:
            dangling.append(key)
            continue
        entry.position = entry.number = number
        article.entries.append(entry)
    if dangling:
        where = f"in {bibliography.path}" if bibliography else "(no bibliography: give one with --bibliography FILE)"
        article.unresolved.append(f"cited but not found {where}: " + ", ".join(f"@{key}" for key in dangling))
    return True


def prepare(article: Article, bibliography: pandoc.Bibliography | None = None) -> Article:
    """Find and parse ``article``'s reference list (in place), or, in a Markdown draft citing with
    pandoc keys, the works its keys name (``bibliography``: where its other keys are); returns the
    article."""
    if _cited_keys(article, bibliography):
        return article
    section = reflist.locate(article.text)
    article.entries = parse_entries(article, section)
    article.references_line = section.start_line
    if not article.entries:
        _cited_in_text(article)
    _unmatched_markers(article)
    return article


def _cited_in_text(article: Article) -> None:
    """A page with no reference list that cites by author and year ("(Walker et al., 2017)"): its sources
    are the works its citations name, in the order it first cites them, known by their authors and year."""
    for position, work in enumerate(authoryear.cited(article.text), start=1):
        authors = [Person(family=work.family)] + ([Person(family=work.second)] if work.second else [])
        article.entries.append(RefEntry(
            raw=work.label, style="in-text", kind="other", authors=authors, et_al=work.et_al, year=work.year,
            methods={"authors": FieldMethod.CITATION, "year": FieldMethod.CITATION}, position=position))
    if article.entries:
        article.notes.append(f"no reference list: its {len(article.entries)} sources are the works its author-year "
                             "citations name, known by their authors and year only")


def _unmatched_markers(article: Article) -> None:
    """Say which bracketed markers point past the end of a numbered list, and which of its entries nothing
    cites. Only for a list printed with numbers 1..N without a gap: where the list was found by shape, or
    an entry may have been missed, a marker with no entry proves nothing about the article."""
    numbers = [entry.number for entry in article.entries]
    if not numbers or article.references_line is None:
        return
    body = "\n".join(article.text.split("\n")[: article.references_line])
    cited = set(markers.bracketed(body))
    if not cited:
        return
    if all(number is None for number in numbers):
        places = max(entry.position for entry in article.entries)
        if max(cited) > places:
            # The claims stage then does not follow numbered markers (link.py): say so here.
            article.unresolved.append(
                f"the text cites up to [{max(cited)}] but its list, printed without numbers, has "
                f"{places} places: its markers are followed only if the text shows where places were lost "
                f"(see the links' evidence)")
        return
    printed = [number for number in numbers if number is not None]
    if len(printed) != len(numbers) or sorted(printed) != list(range(1, len(numbers) + 1)):
        return
    missing = sorted(n for n in cited if n > len(numbers))
    if missing:
        article.unresolved.append(f"cited but not in the reference list of {len(numbers)}: "
                                  + ", ".join(f"[{n}]" for n in missing))
    unused = sorted(set(range(1, len(numbers) + 1)) - cited)
    if unused and len(cited) >= len(numbers) / 2:  # few markers at all: they may not be this list's
        article.notes.append("listed but never cited: " + ", ".join(f"[{n}]" for n in unused))


def read(path: Path, bibliography: pandoc.Bibliography | None = None) -> Article:
    """Read ``path`` and parse its reference list; InputError when it cannot be an article."""
    return prepare(read_document(path), bibliography)


@dataclass
class Document:
    """An article to store: read from its file (``loaded``) and rendered as text only when asked
    (``article``), its reference list parsed only when asked (``parse``). A ledger that already holds
    this very content needs neither: its hash and path say so."""

    loaded: Loaded | None = None
    bibliography: pandoc.Bibliography | None = None
    done: bool = False  # its list is parsed
    rendered: Article | None = None

    @classmethod
    def of(cls, article: Article, bibliography: pandoc.Bibliography | None = None) -> Document:
        """An article read and parsed already (a fetched page, one given whole)."""
        return cls(bibliography=bibliography, done=True, rendered=article)

    @property
    def sha256(self) -> str:
        return self.loaded.sha256 if self.loaded is not None else self.article.sha256

    @property
    def path(self) -> Path:
        return self.loaded.path if self.loaded is not None else self.article.path

    @property
    def article(self) -> Article:
        """The article as text (rendered once)."""
        if self.rendered is None:
            assert self.loaded is not None
            self.rendered = self.loaded.render()
        return self.rendered

    def parse(self) -> Article:
        """The article with its reference list parsed (once)."""
        if not self.done:
            prepare(self.article, self.bibliography)
            self.done = True
        return self.article


def document(path: Path, bibliography: pandoc.Bibliography | None = None) -> Document:
    """Read ``path`` (InputError when it cannot be an article), leaving its rendering and its reference list
    for later."""
    return Document(load(path), bibliography)


def read_url(url: str) -> Article:
    """Fetch the page at ``url`` and parse its reference list."""
    from refs.ingest import fetch  # requests is imported only when a page is fetched

    return prepare(fetch.fetch(url))
