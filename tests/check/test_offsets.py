"""refs check points into the draft file itself: a claim's file offsets slice the file, for text, Markdown and
HTML drafts alike (hand-written drafts)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from refs.model import ArticleFormat
from refs.text import offsets

_BODY_TEXT = ("In one survey of long-term users, 64.5% reported feeling emotionally numb.\n"
              "Antidepressants can cause emotional blunting in long-term users.\n")
DRAFTS = {
    "draft.txt": "\n\n  " + _BODY_TEXT,
    "draft.md": ("---\ntitle: Hand-written draft\n---\n# Numbness\n\nIn one survey of **long-term users**, 64.5% "
                 "reported\nfeeling *emotionally numb*.\nAntidepressants can cause [emotional blunting]"
                 "(https://example.org/blunting) in long-term users.\n"),
    "draft.html": ("<html><head><title>Hand-written draft</title><style>p{color:red}</style></head><body>"
                   "<h1>Numbness</h1><p>In one survey of <b>long&#8209;term</b> users, 64.5% reported feeling "
                   "<em>emotionally numb</em>.</p>\n<p>Antidepressants can cause <a href='/x'>emotional "
                   "blunting</a> in long-term users.</p></body></html>"),
}


def _visible(fragment: str) -> str:
    """The words of a slice of a draft: without tags, character references and Markdown emphasis."""
    fragment = re.sub(r"<[^>]*>|&#?\w+;|\]\([^)]*\)", " ", fragment)
    return " ".join(re.findall(r"[a-z0-9]+", fragment.lower()))


@pytest.mark.parametrize("name", sorted(DRAFTS))
def test_check_offsets_slice_the_draft_file(tmp_path: Path, name: str) -> None:
    draft = tmp_path / name
    draft.write_text(DRAFTS[name], encoding="utf-8")
    result = CliRunner().invoke(cli, ["--library", str(tmp_path / "l.sqlite"), "check", str(draft), "--offline",
                                      "--format", "json"], obj={})
    claims = json.loads(result.stdout)["claims"]
    assert len(claims) == 2, result.output
    source = draft.read_text(encoding="utf-8")
    for claim in claims:
        piece = source[claim["file_start"]:claim["file_end"]]
        words = " ".join(re.findall(r"[a-z0-9]+", claim["text"].lower()))
        assert _visible(piece) == words, (piece, claim["text"])
        if name.endswith(".txt"):
            assert piece == claim["text"]


def test_a_passage_not_in_the_file_is_not_placed() -> None:
    found = offsets.locate("Alpha beta gamma delta.\nEpsilon zeta eta theta.", ArticleFormat.TEXT,
                           ["Alpha beta gamma delta.", "Something the file never says at all."])
    assert found == [(0, 23), None]


def test_hidden_html_is_skipped_and_repeated_passages_are_placed_in_order() -> None:
    html = "<p>Numbness <!-- Numbness is common. --> is common.</p><p>Numbness is common.</p>"
    first, second = offsets.locate(html, ArticleFormat.HTML, ["Numbness is common.", "Numbness is common."])
    assert first is not None and second is not None and first[1] <= second[0]
    assert html[second[0]:second[1]] == "Numbness is common."
