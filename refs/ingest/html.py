"""HTML to plain text through a real parser, keeping DOI and reference link targets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup
from bs4.element import NavigableString, Tag

from refs.text import doi as doi_mod

_DROP = {"script", "style", "noscript", "template", "svg", "nav", "form", "button", "iframe", "head"}
# Furniture inside the text: a wiki's "[edit]" links beside headings and "^ a b" links back from a note;
# the permalink mark ("¶") documentation sites (Sphinx, MkDocs) put after a heading; the "↩" after a
# footnote that Markdown's renderers (kramdown, Python-Markdown, pandoc) link back to its call with.
_DROP_CLASSES = {"mw-editsection", "mw-cite-backlink", "headerlink", "reversefootnote", "footnote-backref",
                 "footnote-back"}
_BLOCK = {
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol", "p", "pre",
    "section", "table", "tr", "ul", "br", "caption", "summary", "details",
}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_PREFORMATTED = {"pre", "textarea", "listing", "plaintext", "xmp"}
_WHITESPACE = re.compile(r"\s+")


@dataclass
class HtmlText:
    """Text of an HTML page and what was found beside it."""

    text: str
    title: str | None
    links: list[tuple[str, str]] = field(default_factory=list)  # (anchor text, href)


def _link_suffix(anchor: Tag, anchor_text: str) -> str:
    """Text to append after a link so its target survives in the plain text."""
    href = str(anchor.get("href") or "").strip()
    if not href.lower().startswith(("http://", "https://", "doi:")):
        return ""
    found = doi_mod.find(href)
    if found:
        if doi_mod.find(anchor_text):
            return ""
        return " https://doi.org/" + found[0].doi
    # A plain URL is kept only inside list items and citations, where it is
    # the locator of a reference rather than navigation.
    if anchor.find_parent(["li", "cite"]) is not None and href not in anchor_text:
        return " " + href
    return ""


def _is_citation_number(tag: Tag) -> bool:
    """A superscript number, or docutils' link to a footnote, that is not bracketed already: it is put in
    brackets, kept apart from the word it follows."""
    # The name and class first: every link of a page comes here, and reading its text costs more.
    if tag.name.lower() != "sup" and "footnote-reference" not in tag.get_attribute_list("class"):
        return False
    text = tag.get_text().strip()
    return not text.startswith("[") and text.replace(",", "").replace("-", "").isdigit()


def _walk(root: Tag, out: list[str], links: list[tuple[str, str]]) -> None:
    """Render ``root``'s content into ``out``, depth-first with an explicit stack (no recursion, so any
    nesting depth is fine). An ``li`` is numbered by its nearest ``ol``, so items whose end tags were left
    out (parsed as nested in one another) keep their own numbers."""
    counters: dict[int, int] = {}  # id of an <ol> -> items numbered so far
    lists: list[Tag] = []  # the <ol>/<ul> elements we are inside, innermost last
    preformatted = 0  # how many <pre> (or <textarea>) elements we are inside
    numbered_at = -1  # where out ended after a list item's number: a block right after it starts no line
    # Entries: ("enter", node) or ("exit", tag, start index in out, block?).
    stack: list[tuple[str, object, int, bool]] = [("enter", child, 0, False) for child in reversed(list(root.children))]
    while stack:
        action, node, start, block = stack.pop()
        if action == "exit":
            assert isinstance(node, Tag)
            name = node.name.lower()
            if name in ("sup", "a") and _is_citation_number(node):
                out.append("]")
            elif name == "a":
                anchor_text = "".join(out[start:])
                href = str(node.get("href") or "")
                if href:
                    links.append((anchor_text.strip(), href))
                out.append(_link_suffix(node, anchor_text))
            elif name in ("ol", "ul"):
                lists.pop()
            elif name in _PREFORMATTED:
                preformatted -= 1
            if block:
                out.append("\n")
            continue
        if isinstance(node, NavigableString):
            if type(node) is NavigableString:  # skip comments, CDATA, doctype
                if numbered_at == len(out) and not preformatted and not node.strip():
                    continue  # the markup's line break between a list item's number and its paragraph
                # As a browser shows it: a line break in the markup is a space, except inside <pre>.
                out.append(str(node) if preformatted else _WHITESPACE.sub(" ", str(node)))
            continue
        if not isinstance(node, Tag):
            continue
        name = node.name.lower()
        if name in _DROP or not _DROP_CLASSES.isdisjoint(node.get_attribute_list("class")):
            continue
        is_block = name in _BLOCK
        if is_block and numbered_at != len(out):
            out.append("\n")
        if name in _HEADINGS:
            out.append("#" * int(name[1]) + " ")
        if name in ("sup", "a") and _is_citation_number(node):
            out.append("[")
        elif name in ("ol", "ul"):
            lists.append(node)
        elif name in _PREFORMATTED:
            preformatted += 1
        elif name == "li" and lists and lists[-1].name.lower() == "ol":
            key = id(lists[-1])
            counters[key] = counters.get(key, 0) + 1
            out.append(f"{counters[key]}. ")
            numbered_at = len(out)
        stack.append(("exit", node, len(out), is_block))
        stack.extend(("enter", child, 0, False) for child in reversed(list(node.children)))


def _clean(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.replace("\xa0", " ").splitlines()]
    result: list[str] = []
    for line in lines:
        if line or (result and result[-1]):
            result.append(line)
    return "\n".join(result).strip()


def html_to_text(markup: str) -> HtmlText:
    """Render ``markup`` as text: one line per block, headings as Markdown ``#``."""
    soup = BeautifulSoup(markup, "html.parser")
    title: str | None = None
    if soup.title and soup.title.string:
        title = " ".join(soup.title.string.split()) or None
    h1 = soup.find("h1")
    if title is None and isinstance(h1, Tag):
        title = " ".join(h1.get_text(" ").split()) or None
    out: list[str] = []
    links: list[tuple[str, str]] = []
    body = soup.body if soup.body is not None else soup
    _walk(body, out, links)
    return HtmlText(text=_clean("".join(out)), title=title, links=links)
