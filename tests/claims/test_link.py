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
