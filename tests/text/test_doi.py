"""DOI extraction, normalisation and validation, by example and by property."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from refs.text import doi

_SUFFIX_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-._;()/:"


@st.composite
def dois(draw: st.DrawFn) -> str:
    """Normalised DOIs in Crossref's pattern, ending in a letter or digit."""
    registrant = draw(st.from_regex(r"[1-9][0-9]{3,8}", fullmatch=True))
    body = draw(st.text(alphabet=_SUFFIX_CHARS.replace("(", "").replace(")", ""), min_size=0, max_size=30))
    last = draw(st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789"))
    first = draw(st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789"))
    return f"10.{registrant}/{first}{body}{last}"


@pytest.mark.parametrize(
    "written, expected",
    [
        ("doi:10.1097/HRP.0000000000000014", "10.1097/hrp.0000000000000014"),
        ("DOI: 10.1371/journal.pone.0033693", "10.1371/journal.pone.0033693"),
        ("https://doi.org/10.2147/PPA.S110632", "10.2147/ppa.s110632"),
        ("http://dx.doi.org/10.1136%2Fesmoopen-2020-000776", "10.1136/esmoopen-2020-000776"),
        ("https://doi.org/10.3389%2Ffgene.2017.00147", "10.3389/fgene.2017.00147"),
        ("10.1002/hbm.23748.", "10.1002/hbm.23748"),
        ("(doi:10.1016/S0140-6736(20)30183-5)", "10.1016/s0140-6736(20)30183-5"),
        ("info:doi/10.1177/0963721411434979", "10.1177/0963721411434979"),
    ],
)
def test_written_forms_normalise(written: str, expected: str) -> None:
    assert doi.first(written) == expected


def test_glued_author_is_not_swallowed() -> None:
    text = "2014;22(3):149-161. doi:10.1097/HRP.0000000000000014Grossman FK, Spinazzola J"
    found = doi.find(text)
    assert [m.doi for m in found] == ["10.1097/hrp.0000000000000014"]
    assert text[found[0].end:].startswith("Grossman FK")


def test_glued_organisation_and_period_are_not_swallowed() -> None:
    assert doi.first("doi:10.1002/hbm.23748National Alliance on Mental Illness.") == "10.1002/hbm.23748"
    assert doi.first("doi:10.1002/jor.1100150407.Stravopodis, D. (2009)") == "10.1002/jor.1100150407"


def test_a_doi_at_the_very_end_keeps_its_letters() -> None:
    # Nothing follows, so a trailing capitalised run is part of the DOI.
    assert doi.first("doi:10.1234/abc2019Xyz") == "10.1234/abc2019xyz"


@pytest.mark.parametrize("bad", ["10.12/abc", "11.1234/abc", "10.1234", "doi:", "10.1234/ x", ""])
def test_invalid_forms_are_rejected(bad: str) -> None:
    assert doi.normalize(bad) is None


def test_find_returns_each_doi_once_in_order() -> None:
    text = "See doi:10.1/x (no), doi:10.1177/0963721411434979 and DOI:10.1177/0963721411434979, then 10.1136/bmj.h6161."
    assert [m.doi for m in doi.find(text)] == ["10.1177/0963721411434979", "10.1136/bmj.h6161"]


@given(dois())
def test_normalise_is_idempotent(value: str) -> None:
    assert doi.normalize(value) == value
    assert doi.normalize(doi.normalize(value) or "") == value


@given(dois())
def test_case_does_not_matter(value: str) -> None:
    assert doi.normalize(value.upper()) == value


@given(dois(), st.sampled_from(["doi:", "DOI: ", "https://doi.org/", "http://dx.doi.org/", "doi.org/", ""]))
def test_every_written_form_is_found_in_prose(value: str, prefix: str) -> None:
    text = f"As reported ({prefix}{value}). Next sentence."
    assert [m.doi for m in doi.find(text)] == [value]


@given(dois())
def test_percent_encoded_url_is_decoded(value: str) -> None:
    url = "https://doi.org/" + quote(value, safe="")
    assert doi.first(url) == value


@given(dois(), st.sampled_from([".", ",", ";", ":", ")", "."]))
def test_trailing_punctuation_is_dropped(value: str, punctuation: str) -> None:
    assert doi.first(f"doi:{value}{punctuation} More text") == value


@given(st.text(max_size=200))
def test_find_never_returns_an_invalid_doi(text: str) -> None:
    for match in doi.find(text):
        assert doi.is_valid(match.doi)
        assert match.doi == match.doi.lower()


def test_glued_next_authors_after_letters_accents_and_particles_are_cut() -> None:
    # Written for this test: DOIs with the next entry's first author glued on, as a glued scraped list prints them.
    text = ("doi:10.1046/j.1365-2311.1999.00217.xKessler A, Baldwin IT (2002). Next. "
            "doi:10.1002/ps.1849Krügel T, Lim M (2002). Next. doi:10.1007/pl00008143van Dam NM, Horn M (2001).")
    assert [m.doi for m in doi.find(text)] == [
        "10.1046/j.1365-2311.1999.00217.x", "10.1002/ps.1849", "10.1007/pl00008143"]


def test_glued_next_authors_after_check_letters_inner_capitals_and_periods_are_cut() -> None:
    # Written for this test: an Elsevier check letter, a name with inner capitals, a Wikipedia author written
    # "Family, Given" after the DOI's period, a year in parentheses: each the next entry's, not the DOI's.
    text = ("doi:10.1016/S0168-9525(98)01659-XVeening JW, Smits WK (2008). Next. "
            "doi:10.1111/j.1365-2958.2009.06605.xMcAdams HH, Arkin A (1999). Next. "
            "doi:10.1111/j.1600-0722.2006.00336.xEnder PhB. Next. "
            "doi:10.1016/0169-5347(93)90009-E.Rauzon, Mark (2008). Next. "
            "doi:10.1016/0022-2836(79)90262-6(1983). Lytic mode. "
            "doi:10.1038/nature05610Nik-Zainal S, Van Loo P (2012).")
    assert [m.doi for m in doi.find(text)] == [
        "10.1016/s0168-9525(98)01659-x", "10.1111/j.1365-2958.2009.06605.x", "10.1111/j.1600-0722.2006.00336.x",
        "10.1016/0169-5347(93)90009-e", "10.1016/0022-2836(79)90262-6", "10.1038/nature05610"]
    # A capitalised word that no name follows stays in the DOI; so do a SICI DOI's short dates.
    assert [m.doi for m in doi.find("doi:10.1000/abc.DefGh. Next words.")] == ["10.1000/abc.defgh"]
    assert doi.first("doi:10.1002/(SICI)1097-4636(199706)35:4<417::AID-JBM1>3.0.CO;2-E (1997).") == (
        "10.1002/(sici)1097-4636(199706)35:4<417::aid-jbm1>3.0.co;2-e")


@pytest.mark.parametrize(("written", "expected"), [
    ("https://onlinelibrary.wiley.com/doi/pdf/10.1002/hbm.23748.pdf", "10.1002/hbm.23748"),
    ("https://journals.sagepub.com/doi/full/10.1177/0963721411434979?utm_source=feed&utm_medium=x",
     "10.1177/0963721411434979"),
    ("https://doi.org/10.1136/bmj.h6161#page=2", "10.1136/bmj.h6161"),
    ("https://example.org/articles/10.1038/srep18924.html", "10.1038/srep18924"),
    ("https://academic.oup.com/nar/article/10.1093/nar/gkj010/full", "10.1093/nar/gkj010"),
    ("https://example.org/doi/epdf/10.1111/j.1469-8137.2008.02378.x", "10.1111/j.1469-8137.2008.02378.x"),
    ("doi:10.1002/(SICI)1097-4636(199706)35:4<417::AID-JBM1>3.0.CO;2-E",
     "10.1002/(sici)1097-4636(199706)35:4<417::aid-jbm1>3.0.co;2-e"),
])
def test_dois_in_publisher_urls_and_sici_dois(written: str, expected: str) -> None:
    # Written for this test: the URL forms publishers and feeds print (query strings, fragments, file suffixes).
    assert doi.first(f"Smith J. A title. Journal. 2020. {written}") == expected


def test_a_doi_cut_by_a_space_where_it_cannot_end_is_made_whole() -> None:
    # Written for this test: a DOI cut after its period, and one that ends a sentence (kept as it is).
    found = doi.find("Sleep. 2015;24:1-9. doi:10.1111/jsr. 12345. PMID: 1")
    assert [m.doi for m in found] == ["10.1111/jsr.12345"]
    assert doi.first("Sleep. doi:10.1016/j.jad.2019. Next sentence.") == "10.1016/j.jad.2019"
    assert doi.first("doi:10.1000/nap.1 2013 edition") == "10.1000/nap.1"  # a DOI that can end so keeps its end
    assert doi.first("Research. doi: 10.1044/2013_JSLHR-S-12-0345. 2013.") == "10.1044/2013_jslhr-s-12-0345"


def test_a_doi_broken_across_a_line_break_is_joined() -> None:
    lines = ["1. Smith J. Sleep. Sci Rep. 2016;6:1. doi:10.1038/srep18", "924", "2. Lee K. Naps. J. 2015;1:2.",
             "doi:10.1000/x", "3. Next entry, not the DOI's rest."]
    assert list(doi.join_broken(lines)) == ["1. Smith J. Sleep. Sci Rep. 2016;6:1. doi:10.1038/srep18924",
                                      "2. Lee K. Naps. J. 2015;1:2.", "doi:10.1000/x",
                                      "3. Next entry, not the DOI's rest."]
