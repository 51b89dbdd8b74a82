"""No input raises an internal error: random text, Markdown and HTML built from the pieces references and
pages are made of (written for the test) go through reading, list finding and entry parsing."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from refs.errors import InputError
from refs.ingest import article as article_stage
from refs.ingest import parse, reader

_PIECES = st.sampled_from([
    "References", "--- REFERENCES ---", "Sources:", "Source: ", "1. ", "[2] ", "^ a b ", "- ", "• ", "\n", "\n\n",
    "Smith J, Lee K. ", "Smith, J. A., & Lee, K. (2015). ", "D. P. Horner, A. J. Healey, and ", "Carroll, Joseph. ",
    "Title of a study. ", "“Quoted title,” ", "J Sleep. 2015;38(6):843-844. ", "Journal, 12(3), 1-7. ",
    "vol. 8, no. 2, pp. 78–87, March 1986. ", "doi:10.1000/xyz123 ", "https://doi.org/10.1000/a.b ",
    "[PubMed] [Google Scholar] ", "Retrieved 2019-05-02. ", "et al. ", "(2015) ", "[@doi:10.1000/x] ",
    "[@smith2015; @pmid:123] ", "@key ", "[1]–[3] ", "64.5% of adults ", "<i>", "</i>", "<sup>3</sup>", "<p>",
    "<a href='https://doi.org/10.1/x'>", "</a>", "# ", "## References\n", "**", "_", "(", ")", "[", "]", "{", "}",
    ":", ";", ",", ".", "é", "ß", "中文", "\t", "  ",
])


_HEADINGS = st.sampled_from(["References", "--- REFERENCES ---", "12 Sources", "Bibliography:", "## References",
                             "Notes", ""])
_MARKS = st.sampled_from(["", "1. ", "[1] ", "- ", "^ a b ", "• "])


@st.composite
def _pages(draw: st.DrawFn) -> str:
    """A page shaped like an article: prose with markers, a heading, entries made of reference pieces."""
    prose = "".join(draw(st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=20)))
    entries = draw(st.lists(st.tuples(_MARKS, st.lists(st.one_of(_PIECES, st.text(max_size=8)), min_size=1,
                                                                 max_size=12)), max_size=12))
    lines = [mark + "".join(parts) for mark, parts in entries]
    return f"A page\n\n{prose}\n\n{draw(_HEADINGS)}\n" + "\n".join(lines) + "\n"


@settings(max_examples=200, deadline=None)
@given(st.one_of(_pages(), st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=60).map("".join)),
       st.sampled_from([".txt", ".md", ".html"]))
def test_any_page_is_read_without_an_internal_error(page: str, suffix: str) -> None:
    data = page.encode("utf-8", "surrogatepass")
    try:
        article = article_stage.prepare(reader.from_bytes(data, Path("fuzz" + suffix)))
    except InputError:
        return  # a clear refusal (not text, empty...) is an answer
    for entry in article.entries:
        assert entry.raw and entry.position >= 1


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=20)), max_size=30))
def test_any_reference_parses(pieces: list[str]) -> None:
    text = "".join(pieces)
    entry = parse.parse(text)
    assert entry.raw == text
    assert entry.year is None or 1500 <= entry.year <= 2099
