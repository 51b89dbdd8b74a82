"""Reading article files: formats, titles, link targets, and input that is not an article."""

from __future__ import annotations

from pathlib import Path

import pytest

from refs.errors import InputError
from refs.ingest import reader
from tests.support.paths import FIXTURES, SEED_001

ARTICLES = FIXTURES / "articles"


def test_html_is_parsed_and_doi_link_targets_survive() -> None:
    doc = reader.read_document(ARTICLES / "works_cited.html")
    assert doc.format == "html"
    assert (doc.title, doc.title_source) == ("Emotional numbness and antidepressants", "html-title")
    assert "Full text https://doi.org/10.2147/ppa.s110632" in doc.text
    assert ("Full text", "https://doi.org/10.2147/PPA.S110632") in doc.links
    assert "Home | Health" not in doc.text  # navigation is dropped
    assert "feeling emotionally numb[1]." in doc.text  # superscript markers stay apart


def test_html_entities_scripts_and_comments_do_not_leak(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(
        "<html><body><script>var x = 1;</script><!-- a comment --><p>Fish &amp; chips &lt;3</p>"
        "<style>p{}</style></body></html>",
        encoding="utf-8",
    )
    doc = reader.read_document(page)
    assert doc.text == "Fish & chips <3"


# A page shaped as MediaWiki renders one (written for this test): headings with "[edit]" links, notes with
# "^ a b" links back to where they are cited, and line breaks inside the markup.
_WIKI_PAGE = """<html><body><h1>Mozilla</h1>
<p>The community is supported by the Mozilla
Foundation.<sup class="reference"><a href="#cite_note-1">[1]</a></sup></p>
<h2>
<span class="mw-headline" id="References">References</span><span class="mw-editsection"><span>[</span><a
href="/w/index.php?action=edit">edit</a><span>]</span></span></h2>
<ol class="references">
<li id="cite_note-1">
<span class="mw-cite-backlink"><b><a href="#cite_ref-1">^</a></b></span> <span class="reference-text">
<cite>Eich, Brendan (21 June 2011). "New JavaScript Engine Module Owner". BrendanEich.com.</cite></span></li>
<li id="cite_note-2"><span class="mw-cite-backlink">^ <a href="#cite_ref-2a">a</a> <a href="#cite_ref-2b">b</a>
</span><span class="reference-text">Payment, S. (2007). <i>Marc Andreessen and Jim Clark</i>. Rosen
Publishing Group.</span></li>
</ol>
<pre>line one
line two</pre>
</body></html>"""


def test_html_line_breaks_are_spaces_and_wiki_furniture_is_dropped(tmp_path: Path) -> None:
    from refs.ingest import article as article_stage

    page = tmp_path / "wiki.html"
    page.write_text(_WIKI_PAGE, encoding="utf-8")
    doc = reader.read_document(page)
    lines = doc.text.split("\n")
    assert "The community is supported by the Mozilla Foundation.[1]" in lines
    assert "## References" in lines
    assert '1. Eich, Brendan (21 June 2011). "New JavaScript Engine Module Owner". BrendanEich.com.' in lines
    assert "2. Payment, S. (2007). Marc Andreessen and Jim Clark. Rosen Publishing Group." in lines
    assert lines[-2:] == ["line one", "line two"]  # <pre> keeps its lines
    article = article_stage.read(page)
    assert [(e.number, e.authors[0].family, e.year) for e in article.entries] == [(1, "Eich", 2011),
                                                                                    (2, "Payment", 2007)]


# A documentation page as Sphinx (docutils) writes one, written for the test: a permalink after each heading,
# a citation by key, a footnote reference, and the citations and footnotes as label and entry.
_DOCUTILS_PAGE = """<html><head><title>PHQ-9 &mdash; docs</title></head><body>
<h1>PHQ-9<a class="headerlink" href="#phq9">¶</a></h1>
<p>A score of 10 or more had a sensitivity of 88% for major depression
<a class="reference internal" href="#kroenke2001"><span>[Kroenke2001]</span></a>.</p>
<p>In primary care, 6% of patients screened positive<a class="footnote-reference brackets" href="#f1">1</a>.</p>
<h2>References<a class="headerlink" href="#references">¶</a></h2>
<dl class="citation"><dt class="label" id="kroenke2001"><span class="brackets">Kroenke2001</span></dt>
<dd><p>Kroenke K, Spitzer RL, Williams JB (2001). The PHQ-9: validity of a brief depression severity measure.
<em>J Gen Intern Med</em> 16: 606–613.</p></dd></dl>
<aside class="footnote brackets" id="f1"><span class="label"><span class="fn-bracket">[</span>1<span
class="fn-bracket">]</span></span><p>Spitzer RL, Kroenke K, Williams JB (1999). Validation and utility of a
self-report version of PRIME-MD: the PHQ primary care study. JAMA 282: 1737–1744.</p></aside>
</body></html>"""


def test_a_documentation_page_keeps_its_citations_and_footnotes(tmp_path: Path) -> None:
    from refs.claims import stage
    from refs.ingest import article as article_stage
    from refs.model import SourceInfo

    page = tmp_path / "phq9.html"
    page.write_text(_DOCUTILS_PAGE, encoding="utf-8")
    lines = reader.read_document(page).text.split("\n")
    assert "# PHQ-9" in lines and "## References" in lines  # no permalink marks
    assert "In primary care, 6% of patients screened positive[1]." in lines
    article = article_stage.read(page)
    assert [(e.number, e.authors[0].family, e.year) for e in article.entries] == [(None, "Kroenke", 2001),
                                                                                    (1, "Spitzer", 1999)]
    sources = [SourceInfo.of(n, e) for n, e in enumerate(article.entries)]
    claims, links = stage.analyse(article.text, article.references_line, sources)
    text = {c.position: c.text for c in claims}
    linked = {text[each.claim_position][:20]: sources[each.source_id].first_family for each in links}
    assert linked == {"A score of 10 or mor": "Kroenke", "In primary care, 6% ": "Spitzer"}


# A blog page whose Markdown renderer (kramdown) made its footnotes, written for the test: superscript calls,
# and a list of notes under no heading, each a paragraph in a list item ending with a link back.
_FOOTNOTES_PAGE = """<html><head><title>Why we feel numb</title></head><body><article>
<p>About 46% of antidepressant users report emotional blunting.<sup id="fnref:1"><a href="#fn:1"
class="footnote">1</a></sup> Blunting is linked to serotonergic drugs.<sup><a href="#fn:2">2</a></sup></p>
<div class="footnotes" role="doc-endnotes"><ol>
<li id="fn:1">
<p>Goodwin GM, Price J, De Bodinat C, Laredo J. Emotional blunting with antidepressant treatments: a survey among
depressed patients. J Affect Disord. 2017;221:31-35. doi:10.1016/j.jad.2017.05.048
<a href="#fnref:1" class="reversefootnote" role="doc-backlink">&#8617;</a></p></li>
<li id="fn:2"><p>Price J, Cole V, Goodwin GM. Emotional side-effects of selective serotonin reuptake inhibitors:
qualitative study. Br J Psychiatry. 2009;195(3):211-217. <a href="#fnref:2" class="footnote-backref">&#8617;</a></p>
</li></ol></div></article></body></html>"""


def test_footnotes_under_no_heading_are_the_list(tmp_path: Path) -> None:
    from refs.ingest import article as article_stage

    page = tmp_path / "numb.html"
    page.write_text(_FOOTNOTES_PAGE, encoding="utf-8")
    lines = reader.read_document(page).text.split("\n")
    assert any(line.startswith("1. Goodwin GM") and line.endswith("10.1016/j.jad.2017.05.048") for line in lines)
    article = article_stage.read(page)
    assert [(e.number, e.authors[0].family, e.pages) for e in article.entries] == [(1, "Goodwin", "31-35"),
                                                                                    (2, "Price", "211-217")]
    # Copied as text, the arrows stay: they are no part of the entry.
    copied = tmp_path / "numb.txt"
    notes = [line + " ↩" for line in lines if line[:2] in ("1.", "2.")]
    copied.write_text("\n".join(["Blunting is common.[1]", *notes]), encoding="utf-8")
    assert [e.pages for e in article_stage.read(copied).entries] == ["31-35", "211-217"]


def test_a_wiki_page_copied_as_text_keeps_its_list() -> None:
    from refs.ingest import reflist

    text = ("Mozilla\n\nThe community is supported by the Mozilla Foundation.[1]\n\nReferences[edit]\n\n"
            '1. ^ Eich, Brendan (21 June 2011). "New JavaScript Engine Module Owner". BrendanEich.com.\n'
            "2. ^ a b Payment, S. (2007). Marc Andreessen and Jim Clark. Rosen Publishing Group.\n")
    section = reflist.locate(text)
    assert section.start_line == 4
    assert [e.text[:12] for e in section.entries] == ["Eich, Brenda", "Payment, S. "]


def test_html_with_declared_legacy_charset(tmp_path: Path) -> None:
    page = tmp_path / "legacy.htm"
    page.write_bytes('<html><head><meta charset="windows-1252"></head><body><p>Café</p></body></html>'.encode("cp1252"))
    assert reader.read_document(page).text == "Café"


def test_markdown_front_matter_title_links_and_footnotes(tmp_path: Path) -> None:
    doc = reader.read_document(ARTICLES / "vancouver_numbered.md")
    assert doc.format == "markdown"
    assert (doc.title, doc.title_source) == ("What the numbers say about three studies", "markdown-heading")
    assert "mice[1]." in doc.text
    note = tmp_path / "n.md"
    note.write_text("# Note\n\nSee [the paper](https://doi.org/10.1136/BMJ.h6161) and snake_case_name.\n",
                    encoding="utf-8")
    text = reader.read_document(note).text
    assert "the paper https://doi.org/10.1136/bmj.h6161" in text
    assert "snake_case_name" in text


def test_markdown_links_with_parentheses_and_list_item_addresses(tmp_path: Path) -> None:
    from refs.ingest import article as article_stage

    readme = tmp_path / "README.md"
    readme.write_text(
        "# Classifier\n\nTrained on the Wisconsin data [1]; see the [project page](https://example.org/p).\n\n"
        "## References\n\n"
        "1. [Breast Cancer Wisconsin (Diagnostic) Data Set](https://archive.ics.uci.edu/ml/datasets/Breast+Cancer"
        "+Wisconsin+(Diagnostic)), UCI Machine Learning Repository.\n", encoding="utf-8")
    text = reader.read_document(readme).text
    # In a list item the address is the reference's locator; in prose a link is its label only.
    assert "see the project page." in text
    [entry] = article_stage.read(readme).entries
    assert entry.title == "Breast Cancer Wisconsin (Diagnostic) Data Set"
    assert entry.url == "https://archive.ics.uci.edu/ml/datasets/Breast+Cancer+Wisconsin+(Diagnostic)"


def test_html_written_into_markdown_is_read_for_its_text(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text('<p align="center">\n  <img src="logo.png" alt="logo">\n</p>\n\n# Zung scale\n\n'
                      "<!-- badges: start\nhidden -->\nThe scale has <b>20</b> items, and p < 0.05 holds.\n\n"
                      "<details>\n<summary>Install</summary>\n\npip install zung\n</details>\n",
                      encoding="utf-8")
    doc = reader.read_document(readme)
    assert doc.title == "Zung scale"
    assert "The scale has 20 items, and p < 0.05 holds." in doc.text
    assert "<" not in doc.text.replace("p < 0.05", "") and "hidden" not in doc.text
    assert "Install" in doc.text


def test_markdown_code_blocks_are_no_prose_and_no_headings(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("```bash\n# install the 3 dependencies\npip install zung\n```\n\n# Zung scale\n\n"
                      "The scale has 20 items.\n\n~~~~\npython run.py --items 20\n~~~\nstill code\n~~~~\n\n"
                      "Use ```inline``` code.\n", encoding="utf-8")
    doc = reader.read_document(readme)
    assert doc.title == "Zung scale"
    assert doc.text.split() == "# Zung scale The scale has 20 items. Use inline code.".split()


def test_plain_text_title_skips_page_furniture(tmp_path: Path) -> None:
    page = tmp_path / "x.txt"
    page.write_text("Table of Contents\nView All\nWhy we sleep\nBody text that goes on.\n", encoding="utf-8")
    assert reader.read_document(page).title == "Why we sleep"


def test_title_falls_back_to_file_name() -> None:
    doc = reader.read_document(SEED_001)
    assert (doc.title, doc.title_source) == ("Verywell health emotional detachment", "file-name")


def test_same_bytes_same_hash_and_utf8_bom(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(b"\xef\xbb\xbfHello world\n")
    b.write_bytes(b"\xef\xbb\xbfHello world\n")
    assert reader.read_document(a).sha256 == reader.read_document(b).sha256
    assert reader.read_document(a).text == "Hello world"


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "is a directory"),
        (lambda d: _write(d / "bin.txt", b"\x7fELF\x02\x01\x00\x00binary"), "binary file"),
        (lambda d: _write(d / "latin.txt", "café".encode("latin-1")), "not valid UTF-8"),
    ],
)
def test_unusable_input_is_an_input_error(tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match=message):
        reader.read_document(make(tmp_path))


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_markdown_hard_wrapped_paragraphs_become_one_line(tmp_path: Path) -> None:
    note = tmp_path / "wrapped.md"
    note.write_text("# T\n\nA phase II trial\ntested lenvatinib [2].\n\n- item one\n  continued\n- item two\n\n"
                    "1. first\n2. second\n", encoding="utf-8")
    lines = reader.read_document(note).text.split("\n")
    assert "A phase II trial tested lenvatinib [2]." in lines
    assert "- item one continued" in lines and "- item two" in lines
    assert "1. first" in lines and "2. second" in lines
