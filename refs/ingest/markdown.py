"""Markdown to plain text: keeps headings and list numbers, resolves links and footnotes."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from refs.text import doi as doi_mod

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n(?:---|\.\.\.)\s*\n", re.DOTALL)
_FM_TITLE = re.compile(r"^title\s*:\s*(.+?)\s*$", re.MULTILINE | re.IGNORECASE)
_FM_BIBLIOGRAPHY = re.compile(r"^bibliography\s*:\s*(.+?)\s*$", re.MULTILINE | re.IGNORECASE)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
# Label, target and emphasis spans are bounded in length, so a line full of brackets or asterisks
# is read in linear time (an unbounded lazy span would rescan the line from every opening mark).
# A target may hold balanced parentheses ("https://x.org/Data+Set+(Diagnostic)"), as CommonMark allows.
_LINK = re.compile(
    r"\[([^\]]{1,500})\]\((<[^>]{1,2000}>|(?:[^()\s]++|\([^()\s]{0,500}+\)){1,200}+)(?:\s+\"[^\"]{0,1000}\")?\)")
_LIST_ITEM = re.compile(r"[ \t]*+(?:[-*+]|\d{1,4}[.)])[ \t]")
_NEWLINE = re.compile(r"\n")
_AUTOLINK = re.compile(r"<((?:https?://|doi:)[^>\s]+)>")
# HTML written into Markdown (README badges, <details>, <p align=...>): the tags go, their text stays.
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]{0,30}+(?:\s[^<>\n]{0,1000}+)?/?>")
_FOOTNOTE_DEF = re.compile(r"^\[\^([^\]]+)\]:\s*", re.MULTILINE)
_FOOTNOTE_REF = re.compile(r"\[\^([^\]]+)\]")
# Emphasis markers only at word edges, so underscores inside DOIs and URLs survive.
_EMPHASIS = re.compile(r"(?<![\w*])(\*\*|__|\*|_)(?=\S)(.{1,500}?)(?<=\S)\1(?![\w*])")
_CODE = re.compile(r"`([^`]*)`")
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$", re.MULTILINE)
_SETEXT = re.compile(r"^(.+)\n(=+|-+)\s*$", re.MULTILINE)


@dataclass
class MarkdownText:
    """Text of a Markdown document and what was found beside it."""

    text: str
    title: str | None
    links: list[tuple[str, str]] = field(default_factory=list)
    bibliography: str | None = None  # the front matter's "bibliography:" (pandoc's key)


def _replace_link(match: re.Match[str], links: list[tuple[str, str]], line_starts: list[int]) -> str:
    label, href = match.group(1), match.group(2).strip("<>")
    links.append((label, href))
    found = doi_mod.find(href)
    if found and not doi_mod.find(label):
        return f"{label} https://doi.org/{found[0].doi}"
    # In a list item a web address is the locator of a reference, as in an HTML list, and is kept.
    line_start = line_starts[bisect.bisect_right(line_starts, match.start()) - 1]
    if href.lower().startswith(("http://", "https://")) and href not in label and \
            _LIST_ITEM.match(match.string, line_start):
        return f"{label} {href}"
    return label


def markdown_to_text(source: str) -> MarkdownText:
    """Render Markdown ``source`` as text with ``#`` headings kept for section finding."""
    title: str | None = None
    bibliography: str | None = None
    front = _FRONT_MATTER.match(source)
    if front:
        found = _FM_TITLE.search(front.group(1))
        if found:
            title = found.group(1).strip().strip("'\"") or None
        named = _FM_BIBLIOGRAPHY.search(front.group(1))
        if named:
            bibliography = named.group(1).strip().strip("'\"[]") or None
        source = source[front.end():]
    source = _without_code_blocks(source)  # a "# comment" in a code block is no heading
    source = _SETEXT.sub(lambda m: ("# " if m.group(2)[0] == "=" else "## ") + m.group(1), source)
    if title is None:
        heading = _HEADING.search(source)
        if heading and len(heading.group(1)) == 1:
            title = heading.group(2).strip()
    links: list[tuple[str, str]] = []
    text = _IMAGE.sub(r"\1", source)
    line_starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]
    text = _LINK.sub(lambda m: _replace_link(m, links, line_starts), text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _HTML_TAG.sub("", _without_comments(text))
    text = _FOOTNOTE_DEF.sub(lambda m: f"{m.group(1)}. ", text)
    text = _FOOTNOTE_REF.sub(r"[\1]", text)
    text = _CODE.sub(r"\1", text)
    text = _EMPHASIS.sub(r"\2", text)
    text = _HEADING.sub(lambda m: m.group(1) + " " + m.group(2), text)
    return MarkdownText(text=_unwrap(text).strip(), title=title, links=links, bibliography=bibliography)


_FENCE = re.compile(r"^ {0,3}+(`{3,}+|~{3,}+)")


def _without_code_blocks(text: str) -> str:
    """``text`` without its fenced code blocks (shell commands and code state nothing to check; an
    unclosed fence runs to the end, as CommonMark reads it); each block leaves an empty line."""
    kept: list[str] = []
    fence = ""
    for line in text.split("\n"):
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence) and \
                    not line[opened.end():].strip():
                fence = ""
            continue
        if opened and not (opened.group(1)[0] == "`" and "`" in line[opened.end():]):
            fence = opened.group(1)
            kept.append("")
            continue
        kept.append(line)
    return "\n".join(kept)


def _without_comments(text: str) -> str:
    """``text`` without its HTML comments (an unclosed one runs to the end), found in one pass."""
    kept: list[str] = []
    at = 0
    while (start := text.find("<!--", at)) >= 0:
        kept.append(text[at:start])
        end = text.find("-->", start + 4)
        at = len(text) if end < 0 else end + 3
    kept.append(text[at:])
    return "".join(kept)


_BLOCK_START = re.compile(r"^\s*(?:#{1,6}\s|[-*+]\s|\d{1,4}[.)]\s|\[\d{1,4}\]\s|>|\||```|---|===)")


def _unwrap(text: str) -> str:
    """Join the hard-wrapped lines of a paragraph or list item: in Markdown they are one line."""
    out: list[str] = []
    for line in text.split("\n"):
        previous = out[-1] if out else ""
        joinable = bool(previous.strip() and line.strip()) and not _BLOCK_START.match(line)
        if joinable and _BLOCK_START.match(previous):
            joinable = line[:1].isspace()  # an indented line carries on a list item
        elif joinable:
            joinable = not previous.endswith("  ")  # two trailing spaces are a hard break
        if joinable:
            out[-1] = previous.rstrip() + " " + line.strip()
        else:
            out.append(line)
    return "\n".join(out)
