"""Golden round trips: every recorded Crossref work, exported in each format and read back by the clients
people use (pybtex, bibtexparser, pandoc, rispy, citation-js), keeps what the record says.

The expectation is computed here from the raw record, not by refs' mapping, so a field refs drops or
mangles fails the test: title with subtitle, every author and editor (family, given, suffix; an
organisation whole), year, container, volume, issue, pages, DOI, ISBN/ISSN.
"""

from __future__ import annotations

import functools
import html
import json
import re
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import rispy

from refs.export import bibtex, csljson, ris
from refs.export import csl as csl_mapping
from refs.export.entries import Entry
from refs.model import MetadataSource
from refs.text import citekeys
from tests.support.crossref_standin import sample_records
from tests.support.paths import FIXTURES
from tests.support.tools import need

JS = Path(__file__).resolve().parents[1] / "support" / "js"
_DATES = ("issued", "published-print", "published-online", "published", "posted")


def _first(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    return value.strip() if isinstance(value, str) and value.strip() else None


def fold(text: Any) -> str:
    """Letters and digits only, case-folded, compatibility-normalised (10⁶ and 10^6 both read 106):
    what every reader must give back, whatever its escaping, dashes or spacing."""
    text = re.sub(r"<[^>]*>", "", html.unescape(str(text or "")))
    return "".join(c for c in unicodedata.normalize("NFKC", text).casefold() if c.isalnum())


def _person(raw: dict[str, Any]) -> dict[str, str]:
    family = (raw.get("family") or "").strip()
    if family in {"-", "–"}:
        family = ""
    out = {"family": family, "given": (raw.get("given") or "").strip(), "suffix": (raw.get("suffix") or "").strip()}
    if not family and raw.get("name"):
        out = {"family": raw["name"].strip(), "given": "", "suffix": ""}
    return out


def expected(record: dict[str, Any]) -> dict[str, Any]:
    """What the record says, as plain values."""
    year = None
    for field in _DATES:
        parts = (record.get(field) or {}).get("date-parts") or [[None]]
        if parts and parts[0] and isinstance(parts[0][0], int):
            year = parts[0][0]
            break
    people = {role: [_person(p) for p in record.get(role) or [] if p.get("family") or p.get("given") or p.get("name")]
              for role in ("author", "editor")}
    title, subtitle = fold(_first(record.get("title"))), fold(_first(record.get("subtitle")))
    return {
        "title": title if subtitle in title else title + subtitle,
        "author": people["author"], "editor": people["editor"], "year": year,
        "container": fold(_first(record.get("container-title"))),
        "volume": fold(_first(record.get("volume"))), "issue": fold(_first(record.get("issue"))),
        "pages": fold(_first(record.get("page")) or _first(record.get("article-number"))),
        "doi": str(record["DOI"]).lower(),
        "isbn": {fold(i) for i in record.get("ISBN") or []}, "issn": {fold(i) for i in record.get("ISSN") or []},
    }


@functools.cache
def _entries() -> list[tuple[Entry, dict[str, Any]]]:
    out = []
    taken: set[str] = set()
    for _, record in sorted(sample_records().items()):
        item = csl_mapping.from_record(record)
        first = (item.get("author") or [{}])[0]
        base = citekeys.base_key(first.get("family"), first.get("literal"), csl_mapping.year(item),
                                 csl_mapping.plain(item.get("title")))
        key = next(base + s for s in citekeys.suffixes() if base + s not in taken)
        taken.add(key)
        out.append((Entry(key=key, item=item, metadata_source=MetadataSource.CROSSREF), expected(record)))
    return out


def _names_match(found: list[dict[str, str]], wanted: list[dict[str, str]], what: str) -> None:
    assert len(found) == len(wanted), what
    for got, want in zip(found, wanted, strict=True):
        if not want["family"]:  # Crossref knew no family name: readers may split the given name as they like
            assert fold(got["given"] + got["family"]) in (fold(want["given"]), fold(got["family"] + got["given"])) \
                or fold(got["family"] + got["given"]) == fold(want["given"]), (what, got, want)
            continue
        assert fold(got["family"]) == fold(want["family"]), (what, got, want)
        assert fold(got["given"]) == fold(want["given"]), (what, got, want)
        if want["suffix"]:
            assert fold(got["suffix"]) == fold(want["suffix"]), (what, got, want)


def _compare(found: dict[str, dict[str, Any]], fields: tuple[str, ...], reader: str, biblatex: bool = False) -> None:
    entries = _entries()
    assert set(found) == {entry.key for entry, _ in entries}, reader
    for entry, want in entries:
        got = found[entry.key]
        what = f"{reader}: {entry.key}"
        if biblatex and bibtex.entry_type(entry.item, True) in ("book", "incollection", "inreference",
                                                                  "inproceedings"):
            want = {**want, "issn": set()}  # BibLaTeX's data model has no ISSN for a book (its series')
        if "title" in fields:
            assert fold(got.get("title")) == want["title"], (what, got.get("title"))
        for role in ("author", "editor"):
            if role in fields:
                _names_match(got.get(role, []), want[role], f"{what} {role}")
        if "year" in fields:
            # An undated record is written "n.d." in BibTeX, and nothing elsewhere.
            expected_years = (want["year"],) if want["year"] else (None, "n.d.")
            assert got.get("year") in expected_years, (what, got.get("year"))
        for name in ("container", "volume", "issue", "pages"):
            if name in fields and want[name]:
                value = got.get(name)
                if name == "container" and not value:
                    value = got.get("series")  # a book's container in Crossref is its series
                if name == "container" and not value and want[name] in fold(got.get("publisher")):
                    continue  # pandoc merges a @misc's or @dataset's howpublished into its publisher
                assert fold(value) == want[name], (what, name, value)
        if "doi" in fields:
            assert (got.get("doi") or "").lower() == want["doi"], what
        for name in ("isbn", "issn"):
            if name in fields and want[name]:
                assert fold(got.get(name)) in want[name], (what, name, got.get(name))
        if "identifier" in fields and (want["isbn"] or want["issn"]):
            assert fold(got.get("identifier")) in want["isbn"] | want["issn"], (what, got.get("identifier"))


# -- readers, each giving {key: {title, author, editor, year, container, ...}} -----------------------


def _csl_names(names: list[dict[str, str]]) -> list[dict[str, str]]:
    out = []
    for name in names:
        family = " ".join(p for p in (name.get("dropping-particle"), name.get("non-dropping-particle"),
                                      name.get("family") or name.get("literal")) if p)
        out.append({"family": family, "given": name.get("given", ""), "suffix": name.get("suffix", "")})
    return out


def _from_csl(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    out = {}
    for item in items:
        parts = (item.get("issued") or {}).get("date-parts") or [[None]]
        year: Any = parts[0][0] if parts and parts[0] else None
        if year is None and (item.get("issued") or {}).get("literal"):
            year = item["issued"]["literal"]
        out[item["id"]] = {
            "title": item.get("title"), "author": _csl_names(item.get("author", [])),
            "editor": _csl_names(item.get("editor", [])), "year": int(year) if str(year).isdigit() else year,
            "container": item.get("container-title"), "series": item.get("collection-title"),
            "publisher": item.get("publisher"), "volume": item.get("volume"), "issue": item.get("issue"),
            "pages": item.get("page"), "doi": item.get("DOI"), "isbn": item.get("ISBN"), "issn": item.get("ISSN"),
        }
    return out


def _latex_text(value: str | None) -> str:
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text().latex_to_text(value or "")


def _from_pybtex(text: str) -> dict[str, dict[str, Any]]:
    from pybtex.database import parse_string

    data = parse_string(text, "bibtex")
    out = {}
    for key, entry in data.entries.items():
        fields = {name.lower(): value for name, value in entry.fields.items()}

        def names(role: str, entry: Any = entry) -> list[dict[str, str]]:
            return [{"family": _latex_text(" ".join(p.prelast_names + p.last_names)),
                     "given": _latex_text(" ".join(p.first_names + p.middle_names)),
                     "suffix": _latex_text(" ".join(p.lineage_names))} for p in entry.persons.get(role, [])]

        year = fields.get("year")
        out[key] = {
            "title": _latex_text(fields.get("title")), "author": names("author"), "editor": names("editor"),
            "year": int(year) if year and year.isdigit() else year,
            "container": _latex_text(fields.get("journal") or fields.get("booktitle") or fields.get("howpublished")),
            "series": _latex_text(fields.get("series")),
            "volume": fields.get("volume"), "issue": fields.get("number"), "pages": fields.get("pages"),
            "doi": fields.get("doi"), "isbn": fields.get("isbn"), "issn": fields.get("issn"),
        }
    return out


def _from_bibtexparser(text: str) -> dict[str, dict[str, Any]]:
    import bibtexparser
    from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors, SplitNameParts

    library = bibtexparser.parse_string(
        text, append_middleware=[SeparateCoAuthors(), SplitNameParts(), LatexDecodingMiddleware()])
    assert not library.failed_blocks
    out = {}
    for entry in library.entries:
        fields = {f.key.lower(): f.value for f in entry.fields}

        def names(role: str, fields: dict[str, Any] = fields) -> list[dict[str, str]]:
            return [{"family": " ".join(n.von + n.last), "given": " ".join(n.first), "suffix": " ".join(n.jr)}
                    for n in fields.get(role, [])]

        date = fields.get("date") or fields.get("year") or ""
        out[entry.key] = {
            "title": fields.get("title"), "author": names("author"), "editor": names("editor"),
            "year": int(date[:4]) if date[:4].isdigit() else (date or None),
            "container": fields.get("journaltitle") or fields.get("booktitle") or fields.get("howpublished"),
            "series": fields.get("series"),
            "volume": fields.get("volume"), "issue": fields.get("number"), "pages": fields.get("pages"),
            "doi": fields.get("doi"), "isbn": fields.get("isbn"), "issn": fields.get("issn"),
        }
    return out


def _from_rispy(text: str) -> dict[str, dict[str, Any]]:
    def names(values: list[str]) -> list[dict[str, str]]:
        out = []
        for value in values:
            parts = [p.strip() for p in value.split(",")]
            if len(parts) == 1:
                out.append({"family": parts[0], "given": "", "suffix": ""})
            else:
                out.append({"family": parts[0], "given": parts[1], "suffix": parts[2] if len(parts) > 2 else ""})
        return out

    out = {}
    # rispy has no name for ED (the RIS editor tag, which Zotero and citation-js read): give it one.
    mapping = {**rispy.TAG_KEY_MAPPING, "ED": "editor"}
    for record in rispy.loads(text, mapping=mapping, list_tags=[*rispy.LIST_TYPE_TAGS, "ED"]):
        kind = record["type_of_reference"]
        authors = names(record.get("authors", []))
        editors = names(record.get("secondary_authors", []) + record.get("editor", []))
        if kind == "EDBOOK":  # its AU are its editors
            authors, editors = [], authors
        out[record["id"]] = {
            "title": record.get("title") or record.get("primary_title"), "author": authors, "editor": editors,
            "year": int(record["year"]) if record.get("year") else None,
            "container": record.get("custom3") if kind == "CPAPER" else record.get("secondary_title"),
            "series": record.get("tertiary_title"),
            "volume": record.get("volume"), "issue": record.get("number"),
            "pages": "-".join(p for p in (record.get("start_page"), record.get("end_page")) if p),
            "doi": record.get("doi"), "identifier": record.get("issn"),
        }
    return out


def _pandoc(text: str, reader: str) -> list[dict[str, Any]]:
    need("pandoc")
    done = subprocess.run(["pandoc", "-f", reader, "-t", "csljson"], input=text, capture_output=True,
                          text=True, check=True)
    return list(json.loads(done.stdout))


def _citation_js(tmp_path: Path, text: str, fmt: str) -> list[dict[str, Any]]:
    need("node")
    if not (JS / "node_modules" / "@citation-js" / "core").is_dir():
        pytest.fail("citation-js is not installed: run scripts/install-test-tools")
    path = tmp_path / f"export.{fmt}"
    path.write_text(text, encoding="utf-8")
    done = subprocess.run(["node", str(JS / "read.js"), fmt, str(path)], capture_output=True, text=True, check=True)
    return list(json.loads(done.stdout))


_ALL = ("title", "author", "editor", "year", "container", "volume", "issue", "pages", "doi", "isbn", "issn")


def _bib(biblatex: bool) -> str:
    return bibtex.dumps([entry for entry, _ in _entries()], biblatex=biblatex)


def test_the_sample_set_is_the_whole_record_set() -> None:
    assert len(_entries()) >= 100
    kinds = {entry.item["type"] for entry, _ in _entries()}
    assert {"article-journal", "chapter", "book", "paper-conference", "entry", "dataset", "report"} <= kinds


def test_pybtex_reads_bibtex_back() -> None:
    _compare(_from_pybtex(_bib(False)), _ALL, "pybtex/bibtex")


def test_bibtexparser_reads_biblatex_back() -> None:
    _compare(_from_bibtexparser(_bib(True)), _ALL, "bibtexparser/biblatex", biblatex=True)


@pytest.mark.parametrize("reader", ["bibtex", "biblatex"])
def test_pandoc_reads_bibtex_and_biblatex_back(reader: str) -> None:
    _compare(_from_csl(_pandoc(_bib(reader == "biblatex"), reader)), _ALL, f"pandoc/{reader}",
             biblatex=reader == "biblatex")


def test_pandoc_reads_csl_json_back() -> None:
    text = csljson.dumps([entry for entry, _ in _entries()])
    _compare(_from_csl(_pandoc(text, "csljson")), _ALL, "pandoc/csl-json")


def test_rispy_reads_ris_back() -> None:
    text = ris.dumps([entry for entry, _ in _entries()])
    fields = ("title", "author", "editor", "year", "container", "volume", "issue", "pages", "doi", "identifier")
    _compare(_from_rispy(text), fields, "rispy/ris")


@pytest.mark.parametrize("fmt", ["bibtex", "ris", "csl-json"])
def test_citation_js_reads_every_format_back(tmp_path: Path, fmt: str) -> None:
    entries = [entry for entry, _ in _entries()]
    text = {"bibtex": lambda: bibtex.dumps(entries), "ris": lambda: ris.dumps(entries),
            "csl-json": lambda: csljson.dumps(entries)}[fmt]()
    fields = _ALL if fmt != "ris" else tuple(f for f in _ALL if f not in ("isbn", "issn"))
    found = _from_csl(_citation_js(tmp_path, text, fmt))
    for entry in entries:
        if fmt == "bibtex" and bibtex.entry_type(entry.item, False) == "misc":
            # citation-js does not read howpublished, the place BibTeX's styles print a @misc's container.
            found[entry.key]["container"] = entry.item.get("container-title")
    if fmt == "ris":
        # citation-js reads RIS by the RIS specification, where a conference paper's T2 is the proceedings;
        # refs writes what Zotero's import expects (C3 the proceedings, T2 the conference), checked by rispy.
        for entry in entries:
            if entry.item["type"] in ("paper-conference", "dataset"):  # nor a dataset's T2 (its collection)
                found[entry.key]["container"] = entry.item.get("container-title")
            if ris.ris_type(entry.item) in ("JOUR", "BOOK"):
                # Nor does that specification give a journal article or an authored book an editor tag that
                # Zotero reads the same way: refs writes ED, which rispy reads back above.
                found[entry.key]["editor"] = _csl_names(entry.item.get("editor", []))
    _compare(found, fields, f"citation-js/{fmt}")


# -- the programs that typeset them ---------------------------------------------------------------


def _absent(entry: Entry, field: str) -> bool:
    """Whether the work's record lacks what a 'missing field' warning names."""
    item = entry.item
    csl_fields = {"author": ("author",), "editor": ("editor",), "title": ("title",), "year": ("issued",),
                  "date, year": ("issued",), "journal": ("container-title",), "booktitle": ("container-title",),
                  "publisher": ("publisher",)}
    return not any(item.get(name) for name in csl_fields.get(field, (field,)))


def test_biber_validates_biblatex_against_its_data_model(tmp_path: Path) -> None:
    need("biber")
    (tmp_path / "refs.bib").write_text(_bib(True), encoding="utf-8")
    done = subprocess.run(["biber", "--tool", "--validate-datamodel", "refs.bib"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:]
    by_key = {entry.key: entry for entry, _ in _entries()}
    warnings = [line for line in (done.stdout + done.stderr).splitlines() if "WARN - Datamodel" in line]
    assert warnings  # the sample set has works without authors or dates: biber must say so
    for line in warnings:
        key = re.search(r"Entry '([^']+)'", line).group(1)  # type: ignore[union-attr]
        missing = re.search(r"Missing mandatory field (?:- one of )?'([^']+)'", line)
        if missing:
            assert _absent(by_key[key], missing.group(1)), line
            continue
        # Crossref's volume is a string ("XXX", "n° 95"); BibLaTeX's is a number. Nothing else may be wrong.
        assert "field 'volume' must be datatype 'integer'" in line and not str(by_key[key].item["volume"]).isdigit(), \
            line


@pytest.mark.parametrize("style", ["plain", "unsrt", "plainnat", "apalike"])
def test_bibtex_styles_typeset_every_record(tmp_path: Path, style: str) -> None:
    (tmp_path / "refs.bib").write_text(_bib(False), encoding="utf-8")
    natbib = "\\usepackage{natbib}\n" if style in ("plainnat", "apalike") else ""
    # plainnat prints DOIs with \doi, which a document defines (or loads the doi package for).
    (tmp_path / "doc.tex").write_text(
        "\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\usepackage[utf8]{inputenc}\n\\usepackage{url}\n"
        f"{natbib}\\providecommand{{\\doi}}[1]{{doi:\\url{{#1}}}}\n\\begin{{document}}\n\\nocite{{*}}\n"
        f"\\bibliographystyle{{{style}}}\n\\bibliography{{refs}}\n\\end{{document}}\n", encoding="utf-8")
    latex = [need("latex"), "-interaction=nonstopmode", "-halt-on-error", "doc.tex"]
    subprocess.run(latex, cwd=tmp_path, capture_output=True, timeout=300)
    bib = subprocess.run([need("bibtex"), "doc"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    log = (tmp_path / "doc.blg").read_text(encoding="utf-8", errors="replace")
    assert bib.returncode in (0, 1) and "error message" not in log, log[-2000:]
    by_key = {entry.key: entry for entry, _ in _entries()}
    warnings = re.findall(r"Warning--(.*)", log)
    for warning in warnings:
        both = re.fullmatch(r"can't use both author and editor fields in (\S+)", warning)
        if both:  # a book with authors and editors: classic styles print one, readers keep both
            assert {"author", "editor"} <= set(by_key[both.group(1)].item), warning
            continue
        empty = re.fullmatch(r"empty (\w+) in (\S+)", warning)
        assert empty and _absent(by_key[empty.group(2)], empty.group(1)), warning
    second = subprocess.run(latex, cwd=tmp_path, capture_output=True, text=True, errors="replace", timeout=300)
    assert second.returncode == 0, second.stdout[-3000:]
    assert "not compatible with author-year" not in second.stdout
    bbl = (tmp_path / "doc.bbl").read_text(encoding="utf-8")
    assert bbl.count("\\bibitem") == len(by_key)


@pytest.mark.parametrize("style", ["apa", "vancouver"])
def test_pandoc_citeproc_renders_every_record(tmp_path: Path, style: str) -> None:
    need("pandoc")
    styles = JS / "node_modules" / "@citation-js" / "plugin-csl" / "lib" / "styles.json"
    if not styles.is_file():
        pytest.fail("citation-js is not installed: run scripts/install-test-tools")
    (tmp_path / f"{style}.csl").write_text(json.loads(styles.read_text(encoding="utf-8"))[style], encoding="utf-8")
    entries = [entry for entry, _ in _entries()]
    (tmp_path / "refs.json").write_text(csljson.dumps(entries), encoding="utf-8")
    done = subprocess.run(["pandoc", "--citeproc", "--fail-if-warnings", "--bibliography", "refs.json", "--csl",
                           f"{style}.csl", "-t", "plain", "--wrap=none"], input="---\nnocite: '@*'\n---\n",
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = [re.sub(r"^\d+\. ", "", line) for line in done.stdout.splitlines() if line.strip()]
    assert len(lines) == len(entries)  # every record is in the bibliography
    expected = json.loads((FIXTURES / "citeproc" / "expected.json").read_text(encoding="utf-8"))[style]
    assert len(expected) == 10
    for doi, line in expected.items():
        assert [found for found in lines if doi in found] == [line], doi
