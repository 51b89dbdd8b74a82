"""The works a text cites by author and year, read where no reference list is printed (sentences written
for these tests)."""

from __future__ import annotations

import pytest

from refs.text import authoryear


def _labels(text: str) -> list[str]:
    return [work.label for work in authoryear.cited(text)]


def test_parenthetical_and_narrative_citations_in_order_of_first_citation() -> None:
    text = ("Sleep loss cuts recall by 20% (Walker et al., 2017). Naps help (Mednick and Drummond, 2008; Lovato "
            "2010). Smith & Lee (2015) found more. Recall fell again (Walker et al., 2017).")
    assert _labels(text) == ["Walker et al. 2017", "Mednick and Drummond 2008", "Lovato 2010", "Smith and Lee 2015"]
    works = authoryear.cited(text)
    assert (works[0].family, works[0].et_al, works[1].second) == ("Walker", True, "Drummond")


def test_citations_as_other_languages_write_them() -> None:
    text = ("El 64,5 % refirió embotamiento (Pérez y col., 2019; Pérez y López, 2018). Dupont et Martin (2016) "
            "l'ont montré, nach Müller u. a. (2015).")
    assert _labels(text) == ["Pérez et al. 2019", "Pérez and López 2018", "Dupont and Martin 2016",
                             "Müller et al. 2015"]


def test_several_works_of_the_same_authors_and_particles() -> None:
    text = ("Dioxins persist (Schecter et al. 2003, 2005; Kamiyama et al., 1995a, b; van der Zee 2006). Van Dam "
            "(2014) agrees.")
    assert _labels(text) == ["Schecter et al. 2003", "Schecter et al. 2005", "Kamiyama et al. 1995a",
                             "Kamiyama et al. 1995b", "van der Zee 2006", "Van Dam 2014"]


@pytest.mark.parametrize("text", [
    "Prices rose (see Figure 2). The survey ran (March 2017).",
    "It began in 2017 (In 2017, the trial stopped).",
    "Cases peaked during COVID 2019 (COVID 2019).",
    "The group was small (n = 40, 2019 data).",
])
def test_what_is_not_a_citation(text: str) -> None:
    assert _labels(text) == []

