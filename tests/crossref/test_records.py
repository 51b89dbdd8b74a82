"""Every recorded Crossref record shape parses; one test per schema quirk."""

from __future__ import annotations

import json
from typing import Any

import pytest

from refs.crossref import records
from tests.support.crossref_standin import SAMPLES, sample_records
from tests.support.paths import FIXTURES


def _message(name: str) -> dict[str, Any]:
    body = json.loads((SAMPLES / name).read_text(encoding="utf-8"))
    return dict(body.get("message", body))


def _record(name: str) -> records.Record:
    return records.parse(_message(name))


def _all_items() -> list[tuple[str, dict[str, Any]]]:
    items: list[tuple[str, dict[str, Any]]] = []
    for path in sorted(SAMPLES.glob("*.json")):
        if path.name.endswith(".headers.json") or path.name.startswith(("agency_", "error_")):
            continue
        body = json.loads(path.read_text(encoding="utf-8"))
        message = body.get("message", body)
        for item in message.get("items", [message]):
            items.append((path.name, item))
    return items


@pytest.mark.parametrize("name, item", _all_items(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_recorded_record_parses(name: str, item: dict[str, Any]) -> None:
    record = records.parse(item)
    assert record.doi == str(item["DOI"]).lower()
    assert record.title is None or "<" not in record.title
    assert record.abstract is None or "jats:" not in record.abstract


def test_the_samples_hold_over_a_hundred_records() -> None:
    assert len(sample_records()) > 100


def test_list_valued_title_and_empty_subtitle() -> None:
    igi = _record("work_book-chapter_igi_issued-null_2022.json")
    assert igi.title == '"Racial Epithet"' and igi.subtitle is None  # subtitle was [""]


def test_missing_title() -> None:
    body = json.loads((SAMPLES / "works_sample2_journal-issue-without-title.json").read_text(encoding="utf-8"))
    issue = next(item for item in body["message"]["items"] if "title" not in item)
    assert records.parse(issue).title is None


@pytest.mark.parametrize("name", ["work_book-chapter_igi_issued-null_2022.json", "work_proceedings-article_ieee.json"])
def test_null_date_parts_give_no_year(name: str) -> None:
    record = _record(name)
    assert record.year is None and record.issued is None


def test_issued_year_and_print_year_are_kept_apart() -> None:
    nnano = _record("work_journal-article_nature_print-vs-online-year_2022.json")
    assert (nnano.year, nnano.print_year, nnano.issued) == (2014, 2015, "2014-11-10")
    bmj = _record("work_journal-article_bmj_jats-abstract_html-in-title.json")
    assert (bmj.year, bmj.print_year) == (2020, 2021)


def test_organisation_authors_have_only_a_name() -> None:
    name = "works_types-monograph_rows3_org-name-author_2022.json"
    body = json.loads((SAMPLES / name).read_text(encoding="utf-8"))
    authors = [a for item in body["message"]["items"] for a in records.parse(item).authors]
    org = next(a for a in authors if a.name == "Sunset Seed and Plant Co.")
    assert org.family is None and org.given is None


def test_dash_family_placeholder_becomes_a_name() -> None:
    body = json.loads((SAMPLES / "works_filter-has-full-text-false_rows3_2022.json").read_text(encoding="utf-8"))
    authors = [a for item in body["message"]["items"] for a in records.parse(item).authors]
    ding = next(a for a in authors if a.name == "Xuewen Ding")
    assert ding.family is None and ding.given is None
    assert not any(a.family == "-" for a in authors)


def test_family_only_author() -> None:
    author = _record("work_journal-article_spandidos_minimal.json").authors[0]
    assert (author.family, author.given) == ("Stravopodis", None)


def test_html_in_title_is_cleaned_and_original_kept() -> None:
    bmj = _record("work_journal-article_bmj_jats-abstract_html-in-title.json")
    assert bmj.title is not None
    assert bmj.title.startswith("Construction of a reference material panel for detecting KRAS")
    assert "\n" not in bmj.title and "  " not in bmj.title
    assert bmj.title_raw is not None and "<i>KRAS</i>" in bmj.title_raw


def test_jats_abstract_is_cleaned_and_original_kept() -> None:
    wiley = _record("work_journal-article_wiley_jats-abstract.json")
    assert wiley.abstract is not None and wiley.abstract.startswith("Twenty‐two beagles were divided")
    assert wiley.abstract_raw is not None and wiley.abstract_raw.startswith("<jats:title>Abstract</jats:title>")
    bmj = _record("work_journal-article_bmj_jats-abstract_html-in-title.json")
    assert bmj.abstract is not None and bmj.abstract.startswith("Background The absence of high-quality")


def test_article_number_stands_as_pages() -> None:
    esmo = _record("work_journal-article_bmj_article-number_clinical-trial.json")
    assert (esmo.pages, esmo.article_number, esmo.year) == ("e000776", "e000776", 2020)
    plos = _record("work_journal-article_plos_references_updated-by-correction.json")
    assert plos.pages == "e33693"


def test_doi_case_is_normalised() -> None:
    message = dict(_message("work_journal-article_spandidos_minimal.json"), DOI="10.3892/IJO_00000353")
    assert records.parse(message).doi == "10.3892/ijo_00000353"


def test_orcid_urls_become_identifiers() -> None:
    body = json.loads((SAMPLES / "works_query_filter-has-orcid_rows3_2022.json").read_text(encoding="utf-8"))
    orcids = [a.orcid for item in body["message"]["items"] for a in records.parse(item).authors if a.orcid]
    assert orcids and all(len(o) == 19 and not o.startswith("http") for o in orcids)


def test_correction_notice_marks_the_work_corrected() -> None:
    plos = _record("work_journal-article_plos_references_updated-by-correction.json")
    assert plos.update_status == "corrected"
    update = plos.updates[0]
    assert (update.relation, update.update_type, update.source, update.date) == (
        "updated-by", "correction", "publisher", "2012-05-08")
    assert update.notice_doi == "10.1371/annotation/c76da2c1-ccb8-4797-94c1-359d3ceceeda"


def test_a_correction_notice_itself_is_not_corrected() -> None:
    body = json.loads(
        (SAMPLES / "works_type-journal-article_cursor-page_corrigendum-update-to_2022.json").read_text(encoding="utf-8")
    )
    notice = next(item for item in body["message"]["items"] if item.get("update-to"))
    record = records.parse(notice)
    assert record.updates[0].relation == "update-to" and record.update_status is None


def test_retraction_outranks_correction() -> None:
    record = records.parse(json.loads((FIXTURES / "crossref" / "retracted.json").read_text(encoding="utf-8")))
    assert record.update_status == "retracted"
    assert {u.source for u in record.updates} == {"retraction-watch", "publisher"}
    concern = records.parse(json.loads((FIXTURES / "crossref" / "concern.json").read_text(encoding="utf-8")))
    assert concern.update_status == "expression_of_concern" and concern.doi == "10.5555/refs-fixture-concern"


def test_csl_transform_has_plain_string_titles() -> None:
    science = records.parse(json.loads((SAMPLES / "transform_citeproc-json_science-1970.json").read_text()))
    assert science.title == "The Structure of Ordinary Water" and science.container == "Science"


def test_isbn_issn_and_publisher() -> None:
    springer = _record("work_book-chapter_springer_isbn.json")
    assert springer.isbn is not None and ";" in springer.isbn
    wiley = _record("work_journal-article_wiley_jats-abstract.json")
    assert wiley.issn is not None and wiley.publisher == "Wiley"


def test_a_record_without_doi_is_refused() -> None:
    with pytest.raises(ValueError):
        records.parse({"title": ["No DOI"]})


def test_markup_cleaning() -> None:
    assert records.clean_markup("<jats:p>A &amp; B<sup>2</sup></jats:p>") == "A & B2"
    assert records.clean_markup("   ") is None
    assert records.clean_markup(None) is None

