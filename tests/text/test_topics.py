"""Topical similarity: the all-pairs overlap agrees with the pairwise one (hand-written sentences)."""

from __future__ import annotations

from refs.text.topics import Scorer, terms


def test_all_pairs_overlap_gives_each_pair_what_the_pairwise_overlap_gives() -> None:
    claims = [terms(t) for t in ("Glacier retreat reshapes alpine valleys.", "Coral reefs bleach in heatwaves.",
                                 "Nothing in common here at all.")]
    documents = [terms(t) for t in ("Alpine glacier retreat since 1850", "Reef heatwaves and coral bleaching",
                                    "Glacier valleys")]
    scorer = Scorer([*claims, *documents])
    found = scorer.overlaps(claims, documents)
    for i, claim in enumerate(claims):
        for j, document in enumerate(documents):
            value, shared = scorer.overlap(claim, document)
            assert found.get((i, j), (0.0, 0)) == (value, len(shared))
    assert {pair for pair in found} == {(0, 0), (0, 2), (1, 1)}  # only pairs that share a term
