"""Inline markup in Crossref titles (HTML, JATS, simple MathML) rendered for each export format.

A title is parsed once into runs of text carrying a set of styles (italic, bold, superscript,
subscript, small caps); each format then writes the styles it can hold: CSL's HTML-like rich text,
LaTeX commands for BibTeX, plain Unicode text for RIS and CSV (``10<sup>6</sup>`` becomes ``10⁶``,
not ``106``). Unknown tags keep their text; the scan is one pass over the string.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

_TAG = re.compile(r"<(/?)([A-Za-z][\w:.-]*)([^<>]*)>")
_STYLE_OF = {
    "i": "i", "em": "i", "italic": "i", "b": "b", "strong": "b", "bold": "b",
    "sup": "sup", "sub": "sub", "sc": "sc", "scp": "sc", "small-caps": "sc",
}
_SMALL_CAPS = re.compile(r"small-caps")
_SUP = str.maketrans("0123456789+-=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ")
_SUB = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")
_CSL_TAGS = {"i": ("<i>", "</i>"), "b": ("<b>", "</b>"), "sup": ("<sup>", "</sup>"), "sub": ("<sub>", "</sub>"),
             "sc": ('<span style="font-variant:small-caps;">', "</span>")}
_LATEX = {"i": r"\textit", "b": r"\textbf", "sup": r"\textsuperscript", "sub": r"\textsubscript", "sc": r"\textsc"}
_ORDER = ("i", "b", "sc", "sup", "sub")
_CLOSING = tuple(".,;:!?)]")


@dataclass(frozen=True)
class Run:
    """A stretch of text and the styles that apply to all of it."""

    text: str
    styles: frozenset[str]


def parse(value: str) -> list[Run]:
    """The runs of a marked-up title; whitespace folded, entities decoded."""
    runs: list[Run] = []
    stack: list[tuple[str, str | None]] = []  # (tag name, style it opened)
    # MathML <msup>/<msub>: the second child is the script; count children as they open.
    scripts: list[list[int]] = []  # [kind(0 sup/1 sub), depth, children seen]
    position = 0

    def active() -> frozenset[str]:
        styles = {style for _, style in stack if style}
        for kind, depth, seen in scripts:
            if seen >= 2 and len(stack) > depth:
                styles.add("sub" if kind else "sup")
        return frozenset(styles)

    def add(text: str) -> None:
        if text:
            runs.append(Run(html.unescape(text), active()))

    for match in _TAG.finditer(value):
        add(value[position:match.start()])
        position = match.end()
        closing, name, attrs = match.group(1), match.group(2).lower().rsplit(":", 1)[-1], match.group(3)
        if attrs.endswith("/"):
            continue
        if closing:
            for index in range(len(stack) - 1, -1, -1):
                if stack[index][0] == name:
                    del stack[index:]
                    break
            while scripts and len(stack) < scripts[-1][1]:
                scripts.pop()
            continue
        for script in scripts:
            if len(stack) == script[1]:
                script[2] += 1
        style = _STYLE_OF.get(name)
        if name == "span" and _SMALL_CAPS.search(attrs):
            style = "sc"
        stack.append((name, style))
        if name in ("msup", "msub"):
            scripts.append([int(name == "msub"), len(stack), 0])
    add(value[position:])
    return _fold(runs)


def _fold(runs: list[Run]) -> list[Run]:
    """Whitespace folded across runs (a newline-indented JATS title reads as one line), a space between
    runs left unstyled, neighbours with the same styles merged. Indentation before punctuation is layout:
    ``</i>\\n   . Next`` reads ``</i>. Next``."""
    out: list[Run] = []
    gap = ""  # whitespace seen since the last text

    def append(text: str, styles: frozenset[str]) -> None:
        if out and out[-1].styles == styles:
            out[-1] = Run(out[-1].text + text, styles)
        else:
            out.append(Run(text, styles))

    for run in runs:
        words = run.text.split()
        if not words:
            gap += run.text
            continue
        gap += run.text[:len(run.text) - len(run.text.lstrip())]
        if out and gap and not ("\n" in gap and run.text.lstrip()[:1] in _CLOSING):
            append(" ", frozenset())
        append(" ".join(words), run.styles)
        gap = run.text[len(run.text.rstrip()):]
    return out


def _write(runs: list[Run], text: Callable[[str], str], wrap: Callable[[str, str], str]) -> str:
    out = []
    for run in runs:
        piece = text(run.text)
        for style in reversed(_ORDER):
            if style in run.styles:
                piece = wrap(style, piece)
        out.append(piece)
    return "".join(out)


def plain(runs: list[Run]) -> str:
    """Plain Unicode text: scripts as Unicode superscript/subscript characters where all exist, else ^()/_()."""
    def script(style: str, piece: str) -> str:
        table = _SUP if style == "sup" else _SUB if style == "sub" else None
        if table is None:
            return piece
        converted = piece.translate(table)
        if all(ord(c) > 127 for c in converted):
            return converted
        return ("^" if style == "sup" else "_") + (piece if len(piece) == 1 else f"({piece})")

    return _write(runs, lambda t: t, script)


def csl(runs: list[Run]) -> str:
    """CSL rich text: the HTML-like tags citeproc-js and pandoc read, other text entity-escaped."""
    def escape(text: str) -> str:
        return text.replace("&", "&#38;").replace("<", "&#60;").replace(">", "&#62;")

    return _write(runs, escape, lambda style, piece: _CSL_TAGS[style][0] + piece + _CSL_TAGS[style][1])


def latex(runs: list[Run], escape: Callable[[str], str]) -> str:
    """LaTeX: ``\\textit{}``, ``\\textsuperscript{}``... around text escaped by ``escape``."""
    return _write(runs, escape, lambda style, piece: f"{_LATEX[style]}{{{piece}}}")

