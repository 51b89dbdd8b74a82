"""What the mapping from a Crossref record keeps, format by format: types, names, markup, notices, keys."""

from __future__ import annotations

import io
import json
import random
import re
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from cli.main import cli
from refs import export, pipeline
from refs.crossref.client import CrossrefClient, Settings
from refs.export import bibtex, csljson, markup, ris
from refs.export import csl as csl_mapping
from refs.export.entries import Entry
from refs.model import MetadataSource, UpdateStatus
from refs.store.ledger import Ledger
from tests.support.crossref_standin import StandIn, fixture_records, sample_records
from tests.support.paths import SAMPLES, SEED_001


def _record(name: str) -> dict[str, Any]:
    body = json.loads((SAMPLES / name).read_text(encoding="utf-8"))
    return dict(body.get("message", body))


def _by_doi(doi: str) -> dict[str, Any]:
    return sample_records()[doi]


def _entry(record: dict[str, Any], **extra: Any) -> Entry:
    return Entry(key="k", item=csl_mapping.from_record(record), metadata_source=MetadataSource.CROSSREF, **extra)


# -- markup ---------------------------------------------------------------------------------------


def test_title_markup_in_each_format() -> None:
    runs = markup.parse("Cells at 10<sup>6</sup>/mL in CO<sub>2</sub> and <i>E. coli</i> &amp; "
                        "<span style=\"font-variant:small-caps\">dna</span>")
    assert markup.plain(runs) == "Cells at 10⁶/mL in CO₂ and E. coli & dna"
    assert markup.csl(runs) == ("Cells at 10<sup>6</sup>/mL in CO<sub>2</sub> and <i>E. coli</i> &#38; "
                                '<span style="font-variant:small-caps;">dna</span>')
    assert markup.latex(runs, lambda text: text) == ("Cells at 10\\textsuperscript{6}/mL in CO\\textsubscript{2} "
                                                     "and \\textit{E. coli} & \\textsc{dna}")
    # A script no Unicode character spells stays readable, not glued to its base ("10n+1", never "10n1").
    assert markup.plain(markup.parse("10<sup>x+1</sup>")) == "10^(x+1)"
    # JATS tags and simple MathML scripts.
    assert markup.plain(markup.parse("<jats:italic>in vivo</jats:italic> e<mml:msup><mml:mi>x</mml:mi>"
                                     "<mml:mn>2</mml:mn></mml:msup>")) == "in vivo ex²"


def test_a_real_jats_title_keeps_its_italics_and_reads_as_one_line() -> None:
    record = _record("work_journal-article_bmj_jats-abstract_html-in-title.json")
    item = csl_mapping.from_record(record)
    assert "<i>KRAS</i>" in item["title"] and "\n" not in item["title"] and "  " not in item["title"]
    assert "\\textit{{KRAS}}" in bibtex.format_entry(_entry(record))
    ris_text = ris.format_entry(_entry(record))
    assert "<i>" not in ris_text and "KRAS / NRAS" in ris_text


# -- types and fields -----------------------------------------------------------------------------


def test_types_are_kept_whatever_the_record_lacks() -> None:
    authorless = next(r for r in sample_records().values()
                      if r.get("type") == "journal-article" and not r.get("author") and r.get("volume"))
    text = bibtex.format_entry(_entry(authorless))
    assert text.startswith("@article{") and "journal" in text and "volume" in text and "pages" in text
    # The key field holds the title, which author-year styles print in the author's place (as APA does).
    assert re.search(r"key\s+= \{", text) and "and others" not in text
    chapter = _record("work_book-chapter_igi_issued-null_2022.json")
    assert bibtex.format_entry(_entry(chapter)).startswith("@incollection{")
    assert ris.format_entry(_entry(chapter)).startswith("TY  - CHAP")
    assert csljson.item(_entry(chapter))["type"] == "chapter"


@pytest.mark.parametrize(("crossref", "bib", "biblatex", "ris_type", "csl_type"), [
    ("journal-article", "article", "article", "JOUR", "article-journal"),
    ("book-chapter", "incollection", "incollection", "CHAP", "chapter"),
    ("reference-entry", "incollection", "inreference", "ENCYC", "entry"),
    ("proceedings-article", "inproceedings", "inproceedings", "CPAPER", "paper-conference"),
    ("monograph", "book", "book", "BOOK", "book"),
    ("report", "techreport", "report", "RPRT", "report"),
    ("dissertation", "phdthesis", "thesis", "THES", "thesis"),
    ("dataset", "misc", "dataset", "DATA", "dataset"),
    ("posted-content", "misc", "misc", "UNPB", "article"),
])
def test_type_tables(crossref: str, bib: str, biblatex: str, ris_type: str, csl_type: str) -> None:
    item = csl_mapping.from_record({"DOI": "10.5555/x", "type": crossref, "title": ["T"]})
    assert item["type"] == csl_type
    assert bibtex.entry_type(item, False) == bib and bibtex.entry_type(item, True) == biblatex
    assert ris.ris_type(item) == ris_type


def test_subtitle_editors_suffix_series_event_and_identifiers() -> None:
    plos = _record("work_journal-article_plos_references_updated-by-correction.json")
    item = csl_mapping.from_record(plos)
    assert item["editor"] == [{"family": "Borlongan", "given": "Cesario V."}]
    wiley = csl_mapping.from_record(_record("work_journal-article_wiley_jats-abstract.json"))
    hora = next(a for a in wiley["author"] if a["family"] == "Hora")
    assert hora == {"family": "Hora", "given": "Donald", "suffix": "Jr."}
    assert "Hora, Jr., Donald" in bibtex.format_entry(Entry("k", wiley, MetadataSource.CROSSREF))
    assert "AU  - Hora, Donald, Jr." in ris.format_entry(Entry("k", wiley, MetadataSource.CROSSREF))
    springer = _record("work_book-chapter_springer_isbn.json")
    chapter = csl_mapping.from_record(springer)
    print_isbn = next(i["value"] for i in springer["isbn-type"] if i["type"] == "print")
    assert chapter["ISBN"] == print_isbn and chapter["publisher-place"] == springer["publisher-location"]
    ieee = _record("work_proceedings-article_ieee.json")
    paper = csl_mapping.from_record(ieee)
    assert paper["event"] == ieee["event"]["name"] and paper["event-place"] == ieee["event"]["location"]
    with_subtitle = next(r for r in sample_records().values()
                         if r.get("subtitle") and r["subtitle"][0].strip() and r.get("title")
                         and r["subtitle"][0].casefold() not in r["title"][0].casefold())
    joined = csl_mapping.from_record(with_subtitle)["title"]
    assert joined.startswith(with_subtitle["title"][0].strip()) and joined.endswith(with_subtitle["subtitle"][0])
    series_chapter = next(r for r in sample_records().values() if len(r.get("container-title") or []) > 1)
    series_item = csl_mapping.from_record(series_chapter)
    assert series_item["collection-title"] == series_chapter["container-title"][1]
    assert "series" in bibtex.format_entry(Entry("k", series_item, MetadataSource.CROSSREF))


def test_names_are_written_whole() -> None:
    # Hand-written name shapes, each the kind a real record has (see the samples named in each comment).
    item = {"type": "article-journal", "title": "T", "author": [
        {"family": "Ferreira de Almeida", "given": "Maria Cândida"},  # a surname of several words
        {"family": "WASAN", "given": "WEI"},  # capitals: a name, not three initials
        {"given": "Xuewen Ding"},  # Crossref's family "-": only the given name is known
        {"literal": "Smith and Sons Trust"},  # an organisation with "and" in its name
    ], "publisher": "Taylor and Francis"}
    text = bibtex.format_entry(Entry("k", item, MetadataSource.CROSSREF))
    assert "{Ferreira de Almeida}, Maria C{\\^a}ndida" in text
    assert "WASAN, WEI" in text and "W. E. I." not in text
    assert "and Xuewen Ding and" in text and "{Xuewen Ding}" not in text
    assert "{Smith and Sons Trust}" in text
    biblatex = bibtex.format_entry(Entry("k", {**item, "type": "book"}, MetadataSource.CROSSREF), biblatex=True)
    assert "publisher = {{Taylor and Francis}}" in biblatex  # a list field: "and" would split it in two


def test_capitals_after_a_command_are_protected() -> None:
    text = bibtex.protect_title("Voices of #MeToo and DNA")
    assert "{{\\#MeToo}}" in text and "{DNA}" in text


def test_reference_text_works_keep_et_al_and_the_printed_year() -> None:
    item = {"type": "article-journal", "title": "T", "author": [{"family": "Smith", "given": "J."}]}
    entry = Entry("k", item, MetadataSource.REFERENCE_TEXT, et_al=True)
    assert re.search(r"author\s+= \{Smith, J\. and others\}", bibtex.format_entry(entry))
    assert "et al." in csljson.item(entry)["note"]


def test_no_date_anywhere_is_printed_as_no_date_in_bibtex_only() -> None:
    item = {"type": "article-journal", "title": "T", "author": [{"family": "Smith", "given": "J."}]}
    entry = Entry("k", item, MetadataSource.CROSSREF)
    assert re.search(r"year\s+= \{n\.d\.\}", bibtex.format_entry(entry))
    assert "date" not in bibtex.format_entry(entry, biblatex=True)
    assert "issued" not in csljson.item(entry) and "PY  -" not in ris.format_entry(entry)


# -- notices and annotations ----------------------------------------------------------------------


def test_notices_go_where_styles_print_them_and_the_title_is_untouched() -> None:
    record = fixture_records()["10.5555/refs-fixture-retracted"]
    entry = _entry(record, status=UpdateStatus.RETRACTED, notices=["Retracted according to Crossref"],
                   claims_supported=2)
    item = csljson.item(entry)
    assert item["status"] == "retracted" and item["note"] == "Retracted according to Crossref"
    assert item["title"] == record["title"][0] and item["annote"] == "Supports 2 claims in the refs ledger"
    biblatex = bibtex.format_entry(entry, biblatex=True)
    assert re.search(r"addendum\s+= \{Retracted according to Crossref\}", biblatex)
    assert re.search(r"annotation\s+= \{Supports 2 claims", biblatex)
    plain = bibtex.format_entry(entry)
    assert re.search(r"note\s+= \{Retracted according to Crossref\}", plain)
    quiet = csljson.item(_entry(record))
    assert "note" not in quiet and "annote" not in quiet and "status" not in quiet


# -- the ledger end to end ------------------------------------------------------------------------


def _article(folder: Path, name: str, dois: list[str]) -> Path:
    path = folder / name
    path.write_text("Hand-written fixture article\n\nReferences\n"
                    + "\n".join(f"{n}. doi:{doi}" for n, doi in enumerate(dois, start=1)) + "\n", encoding="utf-8")
    return path


def _build(folder: Path, files: list[Path], records: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Keys by DOI after one run over ``files`` (in that order), resolved against the stand-in."""
    server = StandIn(records)
    with Ledger(folder / "l.sqlite") as ledger, server.running():
        from refs.ingest import article as article_stage

        crossref = pipeline.Crossref(CrossrefClient(Settings(server.url, "tests@example.org")))
        pipeline.run(ledger, [article_stage.read(path) for path in files], crossref=crossref)
        return {row[0]: row[1] for row in ledger.conn.execute("SELECT doi, citation_key FROM works")}


def test_keys_come_from_the_record_never_start_with_a_digit_and_ignore_ingest_order(tmp_path: Path) -> None:
    records = sample_records()
    # Works whose keys clash: the same first word, year and author pattern (reference entries, chapters).
    dois = sorted(records)
    shuffled = random.Random(7)
    keys_seen = []
    for attempt in range(3):
        order = dois[:]
        shuffled.shuffle(order)
        folder = tmp_path / f"run{attempt}"
        folder.mkdir()
        # Split over three articles given in a different order each time.
        files = [_article(folder, f"a{n}.txt", order[n::3]) for n in range(3)]
        shuffled.shuffle(files)
        keys_seen.append(_build(folder, files, records))
    assert keys_seen[0] == keys_seen[1] == keys_seen[2]
    keys = keys_seen[0]
    assert len(set(keys.values())) == len(keys) == len(dois)
    assert all(key[0].isalpha() for key in keys.values())
    lieber = keys["10.1002/jor.1100150407"]
    assert lieber == "lieber1997growth"  # from the record, not from "doi:..." in the reference
    # Clashing keys are suffixed in DOI order.
    clashes = sorted((doi, key) for doi, key in keys.items() if key.startswith("radev2022creating"))
    assert [key for _, key in clashes] == ["radev2022creating", "radev2022creatinga"]


def test_keys_are_made_again_once_when_the_record_arrives_and_then_stay(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Fixture (hand-written)\nReferences\n"
                    "1. Lieber RL, Jacks TM. Muscle strength after immobilization. J Orthop Res. 1997;15:519-27. "
                    "doi:10.1002/jor.1100150407\n", encoding="utf-8")
    with Ledger(tmp_path / "l.sqlite") as ledger:
        pipeline.ingest_file(ledger, path)
        first = ledger.conn.execute("SELECT citation_key, key_source FROM works").fetchone()
        assert tuple(first) == ("lieber1997muscle", "reference-text")
        server = StandIn(sample_records())
        with server.running():
            summary = pipeline.resolve(ledger, pipeline.Crossref(CrossrefClient(Settings(server.url, "t@x.org"))))
        assert summary.keys_changed == [("lieber1997muscle", "lieber1997growth")]
        with ledger.transaction():
            ledger.conn.execute("UPDATE works SET title = 'Changed since'")
        with server.running():
            again = pipeline.resolve(ledger, pipeline.Crossref(CrossrefClient(Settings(server.url, "t@x.org"))),
                                     )
        assert again.keys_changed == []
        row = ledger.conn.execute("SELECT citation_key, key_source FROM works").fetchone()
        assert tuple(row) == ("lieber1997growth", "crossref")


def test_cli_cite_keys_and_table_formats(tmp_path: Path) -> None:
    library = tmp_path / "l.sqlite"
    runner = CliRunner()
    assert runner.invoke(cli, ["--library", str(library), "ingest", str(SEED_001)], obj={}).exit_code == 0
    result = runner.invoke(cli, ["--library", str(library), "cite", "cartwright2016longterm", "dvir2014childhood",
                                 "--format", "csl-json"], obj={})
    assert result.exit_code == 0
    assert [item["id"] for item in json.loads(result.stdout)] == ["cartwright2016longterm", "dvir2014childhood"]
    result = runner.invoke(cli, ["--library", str(library), "cite", "nope2020"], obj={})
    assert result.exit_code == 2 and "no work with citation key 'nope2020'" in result.stderr
    listed = json.loads(runner.invoke(cli, ["--library", str(library), "keys", "--format", "json"], obj={}).stdout)
    assert len(listed) == 12 and all(row["current"] for row in listed)
    with Ledger(library) as ledger, ledger.transaction():
        ledger.conn.execute("UPDATE works SET citation_key = 'old2016' WHERE citation_key = 'cartwright2016longterm'")
    listed = json.loads(runner.invoke(cli, ["--library", str(library), "keys", "--format", "json"], obj={}).stdout)
    assert [row["formula_key"] for row in listed if not row["current"]] == ["cartwright2016longterm"]
    result = runner.invoke(cli, ["--library", str(library), "keys", "--regenerate"], obj={})
    assert result.exit_code == 0 and result.stdout == "old2016 -> cartwright2016longterm\n"
    out = tmp_path / "works.parquet"
    assert runner.invoke(cli, ["--library", str(library), "export", "--format", "parquet", "--table", "works",
                               "-o", str(out)], obj={}).exit_code == 0
    works = pd.read_parquet(out)
    assert len(works) == 12 and str(works["year"].dtype) == "Int64"
    lines = runner.invoke(cli, ["--library", str(library), "export", "--format", "jsonl", "--table", "sources"],
                          obj={}).stdout.splitlines()
    assert len(lines) == 12 and json.loads(lines[0])["position"] == 1
    excel = runner.invoke(cli, ["--library", str(library), "export", "--format", "csv", "--excel"], obj={})
    assert excel.stdout_bytes.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(excel.stdout_bytes), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert len(back) == 12 and back.columns[0] == "id"
    result = runner.invoke(cli, ["--library", str(library), "export", "--format", "ris", "--excel"], obj={})
    assert result.exit_code == 2 and "--excel goes with --format csv" in result.stderr


def test_the_documented_csv_call_keeps_na_strings(tmp_path: Path) -> None:
    frame = pd.DataFrame({"family": pd.array(["NA", "Null", None], dtype="string")})
    from refs.export import tables

    back = pd.read_csv(io.StringIO(tables.to_csv(frame)), dtype=str, keep_default_na=False)
    assert list(back["family"]) == ["NA", "Null", ""]


def test_exports_of_a_resolved_ledger_carry_no_bookkeeping_by_default(tmp_path: Path) -> None:
    path = _article(tmp_path, "a.txt", ["10.5555/refs-fixture-retracted"])
    records = {**sample_records(), **fixture_records()}
    _build(tmp_path, [path], records)
    with Ledger(tmp_path / "l.sqlite") as ledger:
        for fmt in export.ENTRY_FORMATS:
            text = str(export.export(ledger, fmt))
            assert "refs ledger" not in text and "Retracted" in text, fmt


_CLASHING = [  # hand-written references whose keys clash (same first author, year and first title word)
    "Smith J. Sleep and memory. J Sleep. 2020;1:1-2. doi:10.5555/refs-fixture-key-c",
    "Smith K. Sleep in adults. J Sleep. 2020;1:3-4. doi:10.5555/refs-fixture-key-a",
    "Smith L. Sleep again. J Sleep. 2020;1:5-6.",
    "Smith M. Sleep at last. J Sleep. 2020;1:7-8. doi:10.5555/refs-fixture-key-b",
    "Smith N. Sleep: the review. J Sleep. 2020;1:9-10.",
]


@settings(max_examples=12, deadline=None)
@given(st.permutations(range(len(_CLASHING))), st.permutations(range(3)))
def test_keys_do_not_depend_on_ingest_order(order: list[int], files: list[int]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for n in range(3):  # the references spread over three articles, each listing them in the given order
            path = Path(folder) / f"a{n}.txt"
            lines = [_CLASHING[i] for i in order if i % 3 == n or i == order[0]]
            path.write_text("Fixture (hand-written)\nReferences\n"
                            + "\n".join(f"{k}. {line}" for k, line in enumerate(lines, start=1)) + "\n",
                            encoding="utf-8")
            paths.append(path)
        from refs.ingest import article as article_stage

        with Ledger(Path(folder) / "l.sqlite") as ledger:
            pipeline.run(ledger, [article_stage.read(paths[i]) for i in files])
            keys = {row[0]: row[1] for row in ledger.conn.execute(
                "SELECT COALESCE(doi, title), citation_key FROM works")}
    assert keys == {
        "10.5555/refs-fixture-key-a": "smith2020sleep", "10.5555/refs-fixture-key-b": "smith2020sleepa",
        "10.5555/refs-fixture-key-c": "smith2020sleepb", "Sleep again": "smith2020sleepd",
        "Sleep: the review": "smith2020sleepc",
    }


def test_csl_json_is_written_item_by_item_as_one_indented_array() -> None:
    found = [_entry(record) for record in list(sample_records().values())[:3]]
    assert csljson.dumps(iter(found)) == json.dumps([csljson.item(e) for e in found], ensure_ascii=False,
                                                    indent=2) + "\n"
    assert csljson.dumps([]) == "[]\n"
