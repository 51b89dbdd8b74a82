"""Turn an article file into an ``Article``: its text, and its reference list with every entry parsed."""

from __future__ import annotations

from pathlib import Path

from refs.ingest import parse, reflist
from refs.ingest.reader import read_document
from refs.model import Article, FieldMethod, RefEntry
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


def prepare(article: Article) -> Article:
    """Find and parse ``article``'s reference list (in place); returns the article."""
    section = reflist.locate(article.text)
    article.entries = parse_entries(article, section)
    article.references_line = section.start_line
    return article


def read(path: Path) -> Article:
    """Read ``path`` and parse its reference list; InputError when it cannot be an article."""
    return prepare(read_document(path))


def read_url(url: str) -> Article:
    """Fetch the page at ``url`` and parse its reference list."""
    from refs.ingest import fetch  # requests is imported only when a page is fetched

    return prepare(fetch.fetch(url))
