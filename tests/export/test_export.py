"""Exports, proven by the tools that read them: bibtex, pandoc, pandoc --citeproc, rispy, pandas, the CSL schema."""

from __future__ import annotations

import io
import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pandas as pd
import pytest
import rispy
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from cli.main import cli
from refs import export, pipeline
from refs.claims import stage
from refs.crossref import resolve
from refs.crossref.client import CrossrefClient, Settings
from refs.export import bibtex, csl, csljson, entries, ris
from refs.export import tables as table_formats
from refs.export.entries import Entry
from refs.model import MetadataSource, Person, Work
from refs.store import frames
from refs.store.ledger import Ledger
from tests.support.crossref_standin import StandIn, fixture_records, sample_records
from tests.support.paths import FIXTURES, SEED_001
from tests.support.tools import need

ARTICLES = FIXTURES / "articles"


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ledger]:
    """Seed 001 and every hand-written article, resolved against the stand-in, with claims."""
    folder = tmp_path_factory.mktemp("export")
    retracted = folder / "retracted.txt"
    retracted.write_text(
        "Hand-written fixture article\nIn a 2019 trial, 64.5% reported the fixture effect [1].\nReferences\n"
        "1. Fixture A. A hand-written fixture article that was later retracted. J Test Fixtures. 2019;3:10-19. "
        "doi:10.5555/refs-fixture-retracted\n", encoding="utf-8")
    opened = Ledger(folder / "ledger.sqlite")
    for path in [SEED_001, retracted, *sorted(ARTICLES.iterdir())]:
        pipeline.ingest_file(opened, path)
    server = StandIn({**sample_records(), **fixture_records()})
    with server.running():
        resolve.resolve(opened, CrossrefClient(Settings(server.url, "tests@example.org")))
    stage.rebuild(opened)
    yield opened
    opened.close()


def _keys(bib: str) -> list[str]:
    return re.findall(r"^@\w+\{([^,]+),", bib, re.MULTILINE)


def _bibtex_check(folder: Path, bib: str, keys: list[str]) -> str:
    """Run latex then bibtex on a document citing ``keys``; return bibtex's log."""
    (folder / "refs.bib").write_text(bib, encoding="utf-8")
    (folder / "doc.tex").write_text(
        "\\documentclass{article}\n\\begin{document}\n" + f"\\cite{{{','.join(keys)}}}\n"
        "\\bibliographystyle{plain}\n\\bibliography{refs}\n\\end{document}\n", encoding="utf-8")
    latex = subprocess.run([need("latex"), "-interaction=nonstopmode", "doc.tex"], cwd=folder,
                           capture_output=True, text=True, timeout=120)
    assert (folder / "doc.aux").exists(), latex.stdout[-2000:]
    run = subprocess.run([need("bibtex"), "doc"], cwd=folder, capture_output=True, text=True, timeout=120)
    log = (folder / "doc.blg").read_text(encoding="utf-8", errors="replace")
    assert run.returncode == 0, run.stdout
    return log


def _pandoc_csl(bib: str, reader: str = "bibtex") -> list[dict]:  # type: ignore[type-arg]
    done = subprocess.run([need("pandoc"), "-f", reader, "-t", "csljson"], input=bib, capture_output=True,
                          text=True, timeout=120, check=True)
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def _family(author: dict[str, str]) -> str:
    """A CSL name's particles and family joined as CSL does (no space after a hyphen or apostrophe)."""
    out = ""
    for key in ("dropping-particle", "non-dropping-particle", "family"):
        if key in author:
            out += ("" if not out or out.endswith(("-", "'", "’")) else " ") + author[key]
    return out


def _plain(text: str) -> str:
    """Text as a reader sees it: no nocase markup, straight quotes, folded spaces."""
    text = re.sub(r"</?span[^>]*>", "", text)
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.split())


# -- BibTeX -------------------------------------------------------------------------------------


def test_bibtex_has_zero_errors_and_zero_warnings(ledger: Ledger, tmp_path: Path) -> None:
    bib = export.export(ledger, "bibtex")
    keys = _keys(bib)
    assert len(keys) == len(set(keys)) >= 20
    log = _bibtex_check(tmp_path, bib, keys)
    # The only warnings allowed say a field is empty, for a work whose record really lacks it.
    found = {e.key: e for e in entries.collect(ledger)}
    for field, key in re.findall(r"Warning--empty (\w+) in (\S+)", log):
        assert not found[key].item.get({"journal": "container-title"}.get(field, field)), (field, key)
    assert "error message" not in log and log.count("Warning--") == len(re.findall("Warning--empty", log)), log
    bbl = (tmp_path / "doc.bbl").read_text(encoding="utf-8")
    assert bbl.count("\\bibitem") == len(keys)


def test_pandoc_reads_bibtex_back_with_titles_authors_and_dois(ledger: Ledger) -> None:
    for fmt, reader in (("bibtex", "bibtex"), ("biblatex", "biblatex")):
        found = list(entries.collect(ledger))
        back = {item["id"]: item for item in _pandoc_csl(export.export(ledger, fmt), reader)}
        assert set(back) == {e.key for e in found}
        for entry in found:
            item = back[entry.key]
            assert _plain(item.get("title", "")).casefold() == _plain(csl.plain(entry.item.get("title")) or "") \
                .casefold(), entry.key
            names = [a.get("literal") or _family(a) for a in item.get("author", [])]
            # "and others" (a reference's "et al.") is read by pandoc as a name "others".
            wanted = [a.get("literal") or a.get("family") for a in entry.item.get("author", [])]
            assert names == wanted + (["others"] if entry.et_al else []), entry.key
            assert item.get("DOI") == entry.item.get("DOI")


def test_bibtex_fields_for_the_seed(ledger: Ledger) -> None:
    bib = export.export(ledger, "bibtex", article="verywell-health-emotional-detachment")
    assert len(_keys(bib)) == 12
    assert "@misc{nationaldissociative," in bib and "author = {{National Alliance on Mental Illness}}" in bib
    cartwright = bib[bib.index("@article{cartwright2016longterm"):]
    cartwright = cartwright[:cartwright.index("\n}\n")]
    assert "doi     = {10.2147/ppa.s110632}" in cartwright and "pages   = {1401--1407}" in cartwright
    assert "author  = {Cartwright, C. and Gibson, K. and Read, J. and Cowan, O. and Dehar, T.}" in cartwright
    assert "Supports" not in bib  # the ledger's bookkeeping stays out unless asked for
    annotated = export.export(ledger, "bibtex", article="verywell-health-emotional-detachment", annotate=True)
    # Two claims in seed 001, one in works_cited.html.
    assert "annote  = {Supports 3 claims in the refs ledger}" in annotated


def test_notices_and_month_macros(ledger: Ledger) -> None:
    bib = export.export(ledger, "bibtex")
    retracted = bib[bib.index("{fixture2019handwritten,"):]
    assert "note    = {Retracted according to Crossref. Correction notice" in retracted[:1200]
    assert re.search(r"month\s+= apr,", retracted[:1200])  # the macro, not the string {apr}
    plos = bib[bib.index("{sadasivan2012methylphenidate,"):]
    assert "Corrected according to Crossref" in plos[:1500]


def test_escaping_keeps_doi_and_url_verbatim() -> None:
    entry = _entry(Work(
        key="k", kind="web", type=None, title="A & B: 50% of $5 #1 a_b ~ ^ \\ {x}", container=None,
        year=2020, volume=None, issue=None, pages=None, publisher=None,
        doi="10.1002/(sici)1097-4636(199706)35:4<417::aid-jbm1>3.0.co;2-e", url="https://example.org/a_b%20c#x~y",
        issn=None, isbn=None, metadata_source=MetadataSource.REFERENCE_TEXT,
        authors=[Person(None, None, "Smith & Sons"), Person("O'Brien, Jr", "Ann", None)],
    ))
    text = bibtex.format_entry(entry)
    assert "title  = {A \\& {B:} 50\\% of \\$5 \\#1 a\\_b \\textasciitilde{} \\textasciicircum{} " \
           "\\textbackslash{} \\{x\\}}" in text
    assert "doi    = {10.1002/(sici)1097-4636(199706)35:4<417::aid-jbm1>3.0.co;2-e}" in text
    assert "url    = {https://example.org/a_b%20c#x~y}" in text
    assert "author = {{Smith \\& Sons} and {O'Brien, Jr}, Ann}" in text


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp", "Co", "Cn"), blacklist_characters="{}"),
    min_size=1, max_size=40,
).map(lambda s: " ".join(s.split())).filter(lambda s: bool(s) and s[0] not in "'\"`")
_SPECIALS = st.sampled_from([*"&%$#_~^\\", "--", "{x}", "{Ünï}"])
# Names start with a letter (a reader cannot tell "=" from no name at all) and may hold specials;
# every word of a name has a letter (a lone "-" is a separator to BibTeX, not a name).
_NAMES = st.tuples(
    st.characters(whitelist_categories=("Lu", "Ll")),
    st.text(alphabet=st.one_of(st.characters(whitelist_categories=("Lu", "Ll", "Lo", "Mn", "Nd")),
                               st.sampled_from(list(" -'&%$#_~^"))), max_size=20),
).map(lambda pair: " ".join((pair[0] + pair[1]).split())).filter(
    lambda name: all(any(c.isalpha() for c in word) for word in name.split())
    and not re.search(r"[-']( |$)|(^| )[-']", name))


@st.composite
def _titles(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.one_of(_TEXT, _SPECIALS), min_size=1, max_size=6))
    return " ".join(parts)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(_titles(), _NAMES, _NAMES), min_size=1, max_size=6))
def test_unicode_and_latex_specials_survive_the_bibtex_round_trip(items: list[tuple[str, str, str]]) -> None:
    works = [
        Work(key=f"k{n}", kind="other", type=None, title=title, container=None, year=2020,
             volume=None, issue=None, pages=None, publisher=None, doi=None,
             url=None, issn=None, isbn=None, metadata_source=MetadataSource.REFERENCE_TEXT,
             authors=[Person(family, given_name, None)])
        for n, (title, family, given_name) in enumerate(items)
    ]
    back = {item["id"]: item for item in _pandoc_csl(bibtex.dumps([_entry(w) for w in works]))}
    for entry in works:
        item = back[entry.key]
        title, original = _plain(item["title"]), _plain(entry.title or "")
        # pandoc capitalises the first word and words after a colon; nothing else may change.
        assert title.casefold() == original.casefold() or title.upper() == original.upper()
        if len(title) == len(original):
            # Capitals are protected: no capital of the original is lower-cased.
            assert all(title[i].isupper() for i, c in enumerate(original) if c.isupper() and c.lower() != c)
        author = item["author"][0]
        # Readers may move a lower-case word between given name and particles ("Ludwig van"):
        # the whole name, in order, must survive.
        person = entry.authors[0]
        assert _plain(f"{author.get('given', '')} {_family(author)}") == _plain(f"{person.given} {person.family}")


# -- CSL-JSON -----------------------------------------------------------------------------------


def test_csl_json_is_valid_and_citeproc_renders_every_key(ledger: Ledger, tmp_path: Path) -> None:
    data = json.loads(export.export(ledger, "csl-json"))
    jsonschema.Draft3Validator(csljson.schema()).validate(data)
    assert {item["type"] for item in data} >= {"article-journal", "webpage"}
    assert all("DOI" not in item or item["DOI"] == item["DOI"].lower() for item in data)
    cartwright = next(item for item in data if item["id"] == "cartwright2016longterm")
    assert cartwright["issued"] == {"date-parts": [[2016]]}
    assert cartwright["author"][0] == {"family": "Cartwright", "given": "C."}
    nami = next(item for item in data if item["id"] == "nationaldissociative")
    assert nami["author"] == [{"literal": "National Alliance on Mental Illness"}]
    (tmp_path / "refs.json").write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / "doc.md").write_text("Cited: " + "; ".join(f"[@{item['id']}]" for item in data) + "\n",
                                     encoding="utf-8")
    done = subprocess.run([need("pandoc"), "--citeproc", "--fail-if-warnings", "--bibliography", "refs.json",
                           "-t", "plain", "doc.md"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    rendered = " ".join(done.stdout.split()).casefold()
    assert "???" not in rendered  # --fail-if-warnings already fails on a missing key
    for item in data:  # every entry made it into the bibliography
        assert " ".join(item["title"].split()[:3]).casefold().rstrip(":?") in rendered, item["id"]


# -- RIS and CSV --------------------------------------------------------------------------------


def test_ris_reads_back_with_every_field(ledger: Ledger) -> None:
    found = list(entries.collect(ledger))
    records = rispy.loads(export.export(ledger, "ris"))
    assert len(records) == len(found)
    for entry, record in zip(found, records, strict=True):
        item = entry.item
        assert record["id"] == entry.key
        assert record.get("title") == csl.plain(item.get("title"))
        assert record.get("authors", []) == [a.get("literal") or ", ".join(
            x for x in (a.get("family"), a.get("given"), a.get("suffix")) if x) for a in item.get("author", [])]
        assert record.get("doi") == item.get("DOI") and record.get("urls", []) == (
            [item["URL"]] if item.get("URL") else [])
        assert record.get("year") == (str(csl.year(item)) if csl.year(item) else None)
        assert record.get("volume") == item.get("volume")
        if item.get("page"):
            assert "-".join(x for x in (record.get("start_page"), record.get("end_page")) if x) == item["page"]
        assert record.get("notes", []) == entry.remarks  # no ledger bookkeeping unless asked for
    retracted = next(r for r in records if r["id"] == "fixture2019handwritten")
    assert retracted["notes"][0].startswith("Retracted according to Crossref")


@pytest.mark.parametrize("table", frames.EXPORT_TABLES)
def test_csv_reads_back_intact(ledger: Ledger, table: str) -> None:
    original = frames.export_table(ledger, table)
    back = pd.read_csv(io.StringIO(export.export(ledger, "csv", table=table)), dtype=str, keep_default_na=False)
    assert list(back.columns) == list(original.columns) and len(back) == len(original)
    for column in original.columns:
        expected = ["" if pd.isna(v) else str(v) for v in original[column]]
        got = [v[1:] if v.startswith("'") and v[1:2] in ("=", "+", "-", "@") else v for v in back[column]]
        if str(original[column].dtype) in ("Float64", "boolean"):
            continue  # formats differ (1.0 vs 1); checked below
        assert got == expected, column


def test_csv_neutralises_formulas_and_joins_lists() -> None:
    assert table_formats.neutralise("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert table_formats.neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert table_formats.neutralise("-1+2") == "'-1+2" and table_formats.neutralise(-3) == -3
    assert table_formats.neutralise("10.2147/ppa.s110632") == "10.2147/ppa.s110632"


def test_works_csv_lists_authors(ledger: Ledger) -> None:
    works = pd.read_csv(io.StringIO(export.export(ledger, "csv", table="works")), dtype=str, keep_default_na=False)
    row = works[works["citation_key"] == "cartwright2016longterm"].iloc[0]
    assert row["authors"] == "Cartwright, C; Gibson, K; Read, J; Cowan, O; Dehar, T"


# -- command line -------------------------------------------------------------------------------


def test_cli_export_to_file_and_stdout(tmp_path: Path) -> None:
    library = tmp_path / "l.sqlite"
    runner = CliRunner()
    assert runner.invoke(cli, ["--library", str(library), "ingest", str(SEED_001)], obj={}).exit_code == 0
    out = tmp_path / "out" / "refs.bib"
    result = runner.invoke(cli, ["--library", str(library), "export", "--format", "bibtex", "-o", str(out)], obj={})
    assert result.exit_code == 0 and result.stdout == "" and len(_keys(out.read_text(encoding="utf-8"))) == 12
    assert not [p for p in out.parent.iterdir() if p.name != "refs.bib"]  # no temporary file left behind
    result = runner.invoke(cli, ["--library", str(library), "export", "--format", "csl-json"], obj={})
    assert len(json.loads(result.stdout)) == 12
    result = runner.invoke(cli, ["--library", str(library), "export", "--format", "bibtex", "--table", "claims"],
                           obj={})
    assert result.exit_code == 2 and "--table claims goes with a table format" in result.stderr
    result = runner.invoke(cli, ["--library", str(library), "export", "--format", "ris", "--article", "nope"],
                           obj={})
    assert result.exit_code == 2 and "no article with id 'nope'" in result.stderr


def test_citation_keys_are_stable_and_clashes_get_suffixes(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(
        "Fixture (hand-written)\nReferences\n"
        "1. Smith J. Sleep and memory. J Sleep. 2020;1:1-2. doi:10.5555/refs-fixture-a\n"
        "2. Smith K. Sleep in adults. J Sleep. 2020;1:3-4. doi:10.5555/refs-fixture-b\n"
        "3. Smith L. Sleep again. J Sleep. 2020;1:5-6. doi:10.5555/refs-fixture-c\n", encoding="utf-8")
    with Ledger(tmp_path / "l.sqlite") as opened:
        pipeline.ingest_file(opened, article)
        keys = [r[0] for r in opened.conn.execute("SELECT citation_key FROM works ORDER BY id")]
        assert keys == ["smith2020sleep", "smith2020sleepa", "smith2020sleepb"]
        with opened.transaction():
            opened.conn.execute("UPDATE works SET title = 'Different now', year = 1999")
        article.write_text(article.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        pipeline.ingest_file(opened, article)  # replaced: the works keep their keys
        assert [r[0] for r in opened.conn.execute("SELECT citation_key FROM works ORDER BY id")] == keys


def _entry(work: Work) -> Entry:
    return Entry(key=work.key, item=csl.from_work(work), metadata_source=work.metadata_source)


def _sample(name: str) -> tuple[Entry, dict]:  # type: ignore[type-arg]
    from tests.support.paths import SAMPLES

    body = json.loads((SAMPLES / name).read_text(encoding="utf-8"))
    record = body.get("message", body)
    return Entry(key="k", item=csl.from_record(record), metadata_source=MetadataSource.CROSSREF), record


def test_ris_tags_as_zotero_reads_them() -> None:
    journal = rispy.loads(ris.format_entry(_sample("work_journal-article_wiley_jats-abstract.json")[0]))[0]
    assert journal["type_of_reference"] == "JOUR" and journal.get("secondary_title")  # T2: the journal
    assert "journal_name" not in journal  # no JO, which Zotero reads as the abbreviation
    chapter_entry, chapter_record = _sample("work_book-chapter_springer_isbn.json")
    chapter = rispy.loads(ris.format_entry(chapter_entry))[0]
    # rispy names SN "issn": here the book's print ISBN, not a series ISSN.
    isbn_print = next(i["value"] for i in chapter_record["isbn-type"] if i["type"] == "print")
    assert chapter["type_of_reference"] == "CHAP" and chapter["issn"] == isbn_print
    paper_entry, paper_record = _sample("work_proceedings-article_ieee.json")
    paper = rispy.loads(ris.format_entry(paper_entry))[0]
    assert paper["type_of_reference"] == "CPAPER"
    assert paper.get("custom3") == paper_record["container-title"][0]  # C3: the proceedings
    assert paper.get("secondary_title") == paper_record["event"]["name"]  # T2: the conference
    assert paper.get("place_published") == paper_record["event"]["location"]


def test_a_book_known_from_its_reference_exports_its_publisher_and_place(tmp_path: Path) -> None:
    # Hand-written article (not a recorded page): one book, cited without a DOI.
    article = tmp_path / "book.md"
    article.write_text("Reading shapes memory [1].\n\n## References\n\n1. Newell KB. Pattern Poetry: A Historical"
                       " Critique. Boston: Marlborough House; 1976.\n", encoding="utf-8")
    with Ledger(tmp_path / "l.sqlite") as ledger:
        pipeline.ingest_file(ledger, article)
        row = ledger.conn.execute("SELECT container, publisher, place FROM sources").fetchone()
        assert tuple(row) == (None, "Marlborough House", "Boston")
        work = ledger.conn.execute("SELECT kind, publisher, publisher_place FROM works").fetchone()
        assert tuple(work) == ("book", "Marlborough House", "Boston")
        (item,) = json.loads(export.export(ledger, "csl-json"))
        assert (item["type"], item["publisher"], item["publisher-place"]) == ("book", "Marlborough House", "Boston")
        assert "container-title" not in item
        bib = export.export(ledger, "bibtex")
        assert "@book{" in bib
        assert re.search(r"publisher += \{Marlborough House\}", bib) and re.search(r"address += \{Boston\}", bib)
