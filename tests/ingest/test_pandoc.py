"""Pandoc and Manubot citation keys in Markdown drafts (hand-written drafts and bibliographies; the works
they name are real: seed 001's sources and recorded Crossref samples)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from refs.errors import InputError
from refs.ingest import article as article_stage
from refs.ingest import pandoc
from refs.model import FieldMethod

_BIB = r"""@article{cartwright2016,
  author  = {Cartwright, Claire and Gibson, Kerry and Read, John},
  title   = {Long-term antidepressant use: patient perspectives of \textit{benefits} and adverse effects},
  journal = {Patient Preference and Adherence},
  year    = {2016},
  volume  = {10},
  pages   = {1401--1407},
  doi     = {10.2147/PPA.S110632},
}
@misc{nami,
  author = {{National Alliance on Mental Illness}},
  title  = {Dissociative disorders},
  url    = {https://www.nami.org/About-Mental-Illness/Mental-Health-Conditions/Dissociative-Disorders},
}
@book{mueller2019,
  author = {M{\"u}ller, J{\"o}rg},
  title  = {Schlaf},
  year   = {2019},
}
"""


def test_citations_become_numeric_markers_in_order_of_first_citation() -> None:
    cited = pandoc.replace("A [@doi:10.1/a; @smith2015, p. 3]. B [see @smith2015]. C [-@lee2019]. "
                           "D @pmid:25979105, and me@example.org, @handle and [a link](x).")
    assert cited.keys == ["doi:10.1/a", "smith2015", "lee2019", "pmid:25979105"]
    assert cited.text == ("A [1, 2]. B [2]. C [3]. D [4], and me@example.org, @handle and [a link](x).")


def test_keys_known_to_the_bibliography_are_citations_in_the_text_too() -> None:
    cited = pandoc.replace("As @smith2015 showed, and @other said.", known={"smith2015"})
    assert cited.text == "As [1] showed, and @other said." and cited.keys == ["smith2015"]


def test_url_and_braced_keys_keep_their_punctuation_but_not_the_sentence_end() -> None:
    cited = pandoc.replace("See [@url:https://example.org/a?b=1] and [@{https://example.org/x.y}].")
    assert cited.keys == ["url:https://example.org/a?b=1", "https://example.org/x.y"]


@pytest.mark.parametrize(("key", "field", "value", "kind"), [
    ("doi:10.2147/PPA.S110632", "doi", "10.2147/ppa.s110632", "article"),
    ("pmid:25979105", "pmid", "25979105", "article"),
    ("pmcid:PMC4434546", "pmcid", "PMC4434546", "article"),
    ("arxiv:1512.03385", "url", "https://arxiv.org/abs/1512.03385", "web"),
    ("url:https://www.cdc.gov/sleep/", "url", "https://www.cdc.gov/sleep/", "web"),
])
def test_manubot_keys_name_their_work(key: str, field: str, value: str, kind: str) -> None:
    entry = pandoc.entry_for(key, {})
    assert entry is not None and getattr(entry, field) == value and entry.kind == kind
    assert entry.methods[field] == FieldMethod.CITATION_KEY
    assert entry.doi is None or field == "doi"  # an arXiv id is never turned into a DOI Crossref cannot answer


def test_an_unknown_key_is_dangling_not_guessed() -> None:
    assert pandoc.entry_for("smith2015", {}) is None
    assert pandoc.entry_for("doi:not-a-doi", {}) is None


def test_bibtex_and_csl_json_bibliographies(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(_BIB, encoding="utf-8")
    works = pandoc.read_bibliography(bib)
    cartwright = pandoc.entry_for("cartwright2016", works)
    assert cartwright is not None and cartwright.doi == "10.2147/ppa.s110632" and cartwright.year == 2016
    assert cartwright.title == "Long-term antidepressant use: patient perspectives of benefits and adverse effects"
    assert [a.family for a in cartwright.authors] == ["Cartwright", "Gibson", "Read"]
    assert cartwright.pages == "1401-1407" and cartwright.methods["title"] == FieldMethod.BIBLIOGRAPHY
    nami = pandoc.entry_for("nami", works)
    assert nami is not None and nami.authors[0].name == "National Alliance on Mental Illness" and nami.kind == "web"
    assert works["mueller2019"]["authors"][0].family == "Müller"
    csl = tmp_path / "refs.json"
    item = {"id": "c1", "type": "article-journal", "title": "T", "DOI": "10.1136/bmj.h6161",
            "author": [{"family": "Bisson", "given": "J. I."}], "issued": {"date-parts": [[2015]]}}
    csl.write_text(json.dumps([item]), encoding="utf-8")
    entry = pandoc.entry_for("c1", pandoc.read_bibliography(csl))
    assert entry is not None and entry.doi == "10.1136/bmj.h6161" and entry.year == 2015


def test_a_bad_bibliography_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="not a readable CSL-JSON file"):
        pandoc.read_bibliography(bad)
    with pytest.raises(InputError, match="no such bibliography file"):
        pandoc.read_bibliography(tmp_path / "missing.bib")


def _draft(folder: Path, front: str = "") -> Path:
    path = folder / "draft.md"
    path.write_text(f"---\ntitle: Numbness draft\n{front}---\n\n"
                    "In one survey, 64.5% reported feeling emotionally numb [@cartwright2016].\n"
                    "Dissociation is common [@nami; @doi:10.1136/bmj.h6161].\n"
                    "A claim nobody backs [@nobody2020].\n", encoding="utf-8")
    return path


def test_a_draft_names_its_bibliography_in_the_front_matter(tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_text(_BIB, encoding="utf-8")
    article = article_stage.read(_draft(tmp_path, "bibliography: refs.bib\n"))
    assert [(e.position, e.doi or e.url) for e in article.entries] == [
        (1, "10.2147/ppa.s110632"),
        (2, "https://www.nami.org/About-Mental-Illness/Mental-Health-Conditions/Dissociative-Disorders"),
        (3, "10.1136/bmj.h6161")]
    assert "64.5% reported feeling emotionally numb [1]." in article.text
    assert article.unresolved == [f"cited but not found in {tmp_path / 'refs.bib'}: "
                                "@nobody2020"]


def test_cli_ingest_with_a_bibliography_links_claims_to_cited_keys(tmp_path: Path) -> None:
    bib = tmp_path / "elsewhere.bib"
    bib.write_text(_BIB, encoding="utf-8")
    library = tmp_path / "l.sqlite"
    runner = CliRunner()
    result = runner.invoke(cli, ["--library", str(library), "ingest", str(_draft(tmp_path)), "--bibliography",
                                 str(bib)], obj={})
    assert result.exit_code == 0 and "3 sources, 2 DOIs" in result.stdout
    assert "cited but not found" in result.stderr and "@nobody2020" in result.stderr
    found = json.loads(runner.invoke(cli, ["--library", str(library), "claims", "64.5%", "--format", "json"],
                                     obj={}).stdout)["claims"]
    assert [s["doi"] for s in found[0]["sources"]] == ["10.2147/ppa.s110632"]
    assert found[0]["sources"][0]["method"] == "marker"
    missing = runner.invoke(cli, ["--library", str(library), "ingest", str(_draft(tmp_path)), "--bibliography",
                                  str(tmp_path / "none.bib")], obj={})
    assert missing.exit_code == 2 and "no such bibliography file" in missing.stderr


def test_check_says_a_cited_key_was_found_nowhere(tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_text(_BIB, encoding="utf-8")
    draft = _draft(tmp_path, "bibliography: refs.bib\n")
    result = CliRunner().invoke(cli, ["--library", str(tmp_path / "l.sqlite"), "check", str(draft), "--offline",
                                      "--format", "json"], obj={})
    report = json.loads(result.stdout)
    assert report["complete"] is False
    assert any("cited but not found" in reason and "@nobody2020" in reason for reason in report["incomplete"])
    assert result.exit_code in (1, 3)


def test_a_bibliography_book_keeps_its_publisher_and_place(tmp_path: Path) -> None:
    bib = tmp_path / "books.bib"  # hand-written entries
    bib.write_text("@book{newell1976, author = {Newell, Kenneth B.}, title = {Pattern Poetry}, year = {1976},\n"
                   "  publisher = {Marlborough House}, address = {Boston}}\n"
                   "@phdthesis{shih2014, author = {Shih, S.}, title = {Towards Optimal Rhythm}, year = {2014},\n"
                   "  school = {Stanford University}}\n", encoding="utf-8")
    works = pandoc.read_bibliography(bib)
    book = pandoc.entry_for("newell1976", works)
    assert book is not None and (book.publisher, book.place, book.container) == ("Marlborough House", "Boston", None)
    assert book.methods["publisher"] == FieldMethod.BIBLIOGRAPHY
    thesis = pandoc.entry_for("shih2014", works)
    assert thesis is not None and (thesis.publisher, thesis.place) == ("Stanford University", None)
    csl = tmp_path / "books.json"
    csl.write_text(json.dumps([{"id": "b", "type": "book", "title": "T", "publisher": "Wiley",
                                "publisher-place": "Hoboken"}]), encoding="utf-8")
    entry = pandoc.entry_for("b", pandoc.read_bibliography(csl))
    assert entry is not None and (entry.publisher, entry.place) == ("Wiley", "Hoboken")
