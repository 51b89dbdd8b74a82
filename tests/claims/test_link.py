"""Linking claims to sources by marker (hand-written claims and sources)."""

from __future__ import annotations

import dataclasses

from refs.claims import link as link_mod
from refs.model import Claim, ClaimKind, LinkMethod, Markers, SourceInfo


def _claim(position: int, numbers: list[int]) -> Claim:
    return Claim(position=position, text=f"A finding {numbers}.", start=0, end=10, paragraph=1,
                 kind=ClaimKind.FINDING, person=None, figures=[], markers=Markers(numbers=numbers))


def test_markers_past_an_unnumbered_list_are_not_followed_by_place() -> None:
    # A list printed without numbers, whose text cites [1] and [5] with only 3 entries found.
    sources = [SourceInfo(id=n, position=n, number=None, first_family=f"Author{n}", year=2015, doi=None,
                          title=f"Title {n}") for n in range(1, 4)]
    claims = [_claim(1, [1]), _claim(2, [5])]
    assert [link for link in link_mod.link(claims, sources) if link.method == LinkMethod.MARKER] == []
    numbered = [dataclasses.replace(s, number=s.position) for s in sources]
    assert [(link.claim_position, link.source_id) for link in link_mod.link(claims, numbered)
            if link.method == LinkMethod.MARKER] == [(1, 1)]
    within = [_claim(1, [1]), _claim(2, [3])]
    assert [(link.claim_position, link.source_id) for link in link_mod.link(within, sources)
            if link.method == LinkMethod.MARKER] == [(1, 1), (2, 3)]


_TOPICS = ["glacier retreat alpine valleys", "coral bleaching reef heatwaves", "honeybee colony collapse pesticides",
           "volcanic ash aviation hazards", "wolf reintroduction elk browsing", "salmon spawning dam removal",
           "monsoon rainfall crop yields", "permafrost thaw methane release", "urban heat islands asphalt",
           "kelp forest urchin barrens"]


def _topical_sources(shift: int) -> list[SourceInfo]:
    # A list printed without numbers whose first ``shift`` places were lost (a note above it): the entry
    # at place p is the one the text cites as [p + shift].
    return [SourceInfo(id=n, position=n, number=None, first_family=f"Author{n}", year=2015, doi=None,
                       title=f"Studies of {_TOPICS[n - 1 + shift]}") for n in range(1, len(_TOPICS) + 1 - shift)]


def _topical_claims() -> list[Claim]:
    return [dataclasses.replace(_claim(n, [n]), text=f"Reports describe {topic} in detail [{n}].")
            for n, topic in enumerate(_TOPICS, start=1)]


def test_a_place_lost_before_an_unnumbered_list_is_found_from_what_the_sentences_share() -> None:
    links = [link for link in link_mod.link(_topical_claims(), _topical_sources(1))
             if link.method == LinkMethod.MARKER]
    # [n] points at the entry at place n - 1; [1] (the lost place) at nothing.
    assert [(link.claim_position, link.source_id) for link in links] == [(n, n - 1) for n in range(2, 11)]
    assert links[0].evidence == {"marker": "[2]", "list_position": 1, "places_lost_before_list": 1}


def test_markers_past_an_unnumbered_list_stay_unfollowed_when_no_shift_fits() -> None:
    # The entries share nothing with the sentences: no shift stands out, so no marker is followed.
    sources = [dataclasses.replace(s, title=f"Untitled report {s.id}") for s in _topical_sources(1)]
    assert [link for link in link_mod.link(_topical_claims(), sources) if link.method == LinkMethod.MARKER] == []


def test_places_lost_after_an_unnumbered_list_leave_the_others_followed() -> None:
    # The list's last entry was lost: [10] points past its end, the other markers at their places.
    links = [link for link in link_mod.link(_topical_claims(), _topical_sources(0)[:-1])
             if link.method == LinkMethod.MARKER]
    assert [(link.claim_position, link.source_id) for link in links] == [(n, n) for n in range(1, 10)]
    assert links[0].evidence["places_lost_before_list"] == 0
