"""Author lists in IEEE, ACS, Chicago/MLA and natural order (reference texts in the shapes of AnyStyle's
hand-labelled sets; the names are as those styles print them)."""

from __future__ import annotations

import pytest

from refs.ingest import names, parse


@pytest.mark.parametrize(("text", "people", "style"), [
    ("D. P. Horner, A. J. Healey, and S. P. Kragelund, “AUV experiments in obstacle avoidance,” in OCEANS, 2005.",
     [("Horner", "D. P."), ("Healey", "A. J."), ("Kragelund", "S. P.")], "initials-first"),
    ("J.-S. Pang and S. A. Gabriel, NE/SQP: A robust algorithm, Math. Programming, 60 (1993).",
     [("Pang", "J.-S."), ("Gabriel", "S. A.")], "initials-first"),
    ("Wu, H.; Hu, L. B.; Cui, Y., Electrospun metal nanofiber webs. Nano Lett. 2010, 10, 4242.",
     [("Wu", "H."), ("Hu", "L. B."), ("Cui", "Y.")], "inverted-initials"),
    ("Droettboom, Michael, Ichiro Fujinaga, and Karl MacMillan. 2002. Optical music interpretation.",
     [("Droettboom", "Michael"), ("Fujinaga", "Ichiro"), ("MacMillan", "Karl")], "first-inverted"),
    ("Smolen, M. J., and B. L. Keller. 1987. Microtus longicaudus. Mammalian Species 271: 1-7.",
     [("Smolen", "M. J."), ("Keller", "B. L.")], "first-inverted"),
    ("Carroll, Joseph. Literary Darwinism. New York: Routledge, 2004.", [("Carroll", "Joseph")], "first-inverted"),
    ("AM Trinkoff, JA Lipscomb and BA Brady: Perceived physical demands. Am J Prev Med 24, 270-275",
     [("Trinkoff", "AM"), ("Lipscomb", "JA"), ("Brady", "BA")], "bare-initials-first"),
    ("Stephen Boyd, Neal Parikh, and Eric Chu. Distributed optimization. Foundations and Trends, 2011.",
     [("Boyd", "Stephen"), ("Parikh", "Neal"), ("Chu", "Eric")], "natural"),
    ("Maria van der Berg and Jan de Vries. Tulips. Amsterdam, 2001.",
     [("van der Berg", "Maria"), ("de Vries", "Jan")], "natural"),
])
def test_author_lists_in_each_order(text: str, people: list[tuple[str, str]], style: str) -> None:
    found = names.leading_authors(text)
    assert found is not None and found.style == style
    assert [(p.family, p.given) for p in found.authors] == people
    assert text[found.end:].lstrip(" .,:;")[:1].isalnum() or text[found.end:].lstrip(" .,:;")[:1] in "“\""


@pytest.mark.parametrize("text", [
    "WHO, Geneva. Mental health atlas. 2017.",
    "Mayo Clinic. Sleep tips. 2020.",
    "Sleep, Memory and Health. J Sleep. 2020;1:1-2.",
    "National Sleep Foundation. Sleep in teens. Retrieved 2019-05-02.",
    "Centers for Disease Control and Prevention. Sleep and sleep disorders. 2022.",
    "The Physics of Solar Cells. Imperial College Press, 2003.",
])
def test_organisations_and_titles_are_not_read_as_people(text: str) -> None:
    assert names.leading_authors(text) is None


def test_et_al_ends_the_list_and_says_it_is_cut() -> None:
    found = names.leading_authors("Huang, X., Acero, A., Hon, H., et al., Spoken language processing, 2001.")
    assert found is not None and found.et_al and [p.family for p in found.authors] == ["Huang", "Acero", "Hon"]


def test_parsed_entries_take_the_year_and_quoted_title_after_the_authors() -> None:
    entry = parse.parse("Gregory, Derek. 1994. Geographical Imaginations. Oxford, UK: Blackwell.")
    assert [(a.family, a.given) for a in entry.authors] == [("Gregory", "Derek")] and entry.year == 1994
    assert entry.title == "Geographical Imaginations"
    ieee = parse.parse("[20] E. Galceran, N. Palomeras, and M. Carreras, “Profile following for inspection of "
                       "underwater structures,” Paladyn, Journal of Behavioral Robotics, vol. 3, 2012.")
    assert [a.family for a in ieee.authors] == ["Galceran", "Palomeras", "Carreras"]
    assert ieee.title == "Profile following for inspection of underwater structures" and ieee.year == 2012
    # Vancouver lists stay with the Vancouver reader.
    vancouver = parse.parse("Cartwright C, Gibson K. Long-term antidepressant use. Patient Prefer Adherence. "
                            "2016;10:1401-1407.")
    assert vancouver.style == "vancouver" and [a.given for a in vancouver.authors] == ["C", "K"]
