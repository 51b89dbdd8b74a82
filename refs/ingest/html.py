"""HTML to plain text through a real parser, keeping DOI and reference link targets."""

from __future__ import annotations

from dataclasses import dataclass, field

from bs4 import BeautifulSoup
from bs4.element import NavigableString, Tag

from refs.text import doi as doi_mod

_DROP = {"script", "style", "noscript", "template", "svg", "nav", "form", "button", "iframe", "head"}
_BLOCK = {
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol", "p", "pre",
    "section", "table", "tr", "ul", "br", "caption", "summary", "details",
}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


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


def _walk(node: Tag, out: list[str], links: list[tuple[str, str]]) -> None:
    for child in node.children:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:  # skip comments, CDATA, doctype
                out.append(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name.lower()
        if name in _DROP:
            continue
        block = name in _BLOCK
        if block:
            out.append("\n")
        if name in _HEADINGS:
            out.append("#" * int(name[1]) + " ")
        if name == "sup" and child.get_text().strip().replace(",", "").replace("-", "").isdigit():
            # A superscript citation number: keep it apart from the word it follows.
            out.append("[")
            _walk(child, out, links)
            out.append("]")
        elif name == "a":
            start = len(out)
            _walk(child, out, links)
            anchor_text = "".join(out[start:])
            href = str(child.get("href") or "")
            if href:
                links.append((anchor_text.strip(), href))
            out.append(_link_suffix(child, anchor_text))
        elif name == "li" and child.parent is not None and child.parent.name == "ol":
            number = 1 + sum(1 for s in child.find_previous_siblings("li"))
            out.append(f"{number}. ")
            _walk(child, out, links)
        else:
            _walk(child, out, links)
        if block:
            out.append("\n")


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
