"""Read an article file: check it is text, decode it, and turn it into plain text."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from refs.errors import InputError
from refs.htmltext import html_to_text
from refs.mdtext import markdown_to_text

_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd", ".qmd", ".rmd"}
_HTML_SNIFF = re.compile(rb"^\s*(?:<!doctype html|<html|<head|<body|<\?xml[^>]*>\s*<html)", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", re.IGNORECASE)

# Lines that scraped pages carry around the article itself.
FURNITURE = re.compile(
    r"^(?:table of contents|contents|view all|skip to (?:main )?content|menu|advertisement|"
    r"share|share feedback|print|key takeaways|was this page helpful\??|related stories|read more|"
    r"sign up|subscribe|cookie)",
    re.IGNORECASE,
)


@dataclass
class Document:
    """An article as refs sees it: plain text plus what the file said about itself."""

    path: Path
    text: str
    format: str
    sha256: str
    size: int
    title: str
    title_source: str
    links: list[tuple[str, str]] = field(default_factory=list)


def _decode(data: bytes, path: Path, declared: str | None) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: binary file, not an article (expected text, Markdown or HTML)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        if declared:
            try:
                return data.decode(declared)
            except (LookupError, UnicodeDecodeError):
                pass
        raise InputError(
            f"{path}: not valid UTF-8 text (byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start})"
        ) from None


def _detect_format(path: Path, data: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix in _HTML_SUFFIXES or _HTML_SNIFF.match(data[:1024]):
        return "html"
    if suffix in _MARKDOWN_SUFFIXES:
        return "markdown"
    return "text"


def _title_from_name(path: Path) -> str:
    words = re.sub(r"[-_]+", " ", path.stem).strip()
    return words[:1].upper() + words[1:] if words else path.name


def _looks_like_heading(line: str) -> bool:
    line = line.lstrip("#").strip()
    return 3 <= len(line) <= 150 and not line.endswith((".", ",", ";", ":")) and len(line.split()) >= 2


def _first_line_title(text: str) -> str | None:
    """The opening line when it reads as a title, skipping page furniture."""
    for line in text.splitlines():
        line = line.strip()
        if not line or FURNITURE.match(line.lstrip("#").strip()):
            continue
        return line.lstrip("#").strip() if _looks_like_heading(line) else None
    return None


def read_document(path: Path) -> Document:
    """Read ``path`` as an article; raise InputError when it cannot be one."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory (give the article files inside it)")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    fmt = _detect_format(path, data)
    declared = None
    if fmt == "html":
        charset = _META_CHARSET.search(data[:4096])
        declared = charset.group(1).decode("ascii") if charset else None
    raw = _decode(data, path, declared).replace("\r\n", "\n").replace("\r", "\n")
    links: list[tuple[str, str]] = []
    title: str | None
    if fmt == "html":
        rendered = html_to_text(raw)
        text, title, links = rendered.text, rendered.title, rendered.links
        title_source = "html-title" if title else ""
    elif fmt == "markdown":
        md = markdown_to_text(raw)
        text, title, links = md.text, md.title, md.links
        title_source = "markdown-heading" if title else ""
    else:
        text, title, title_source = raw.strip(), None, ""
    if not title:
        title = _first_line_title(text)
        title_source = "first-line" if title else ""
    if not title:
        title, title_source = _title_from_name(path), "file-name"
    return Document(
        path=path,
        text=text,
        format=fmt,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        title=title,
        title_source=title_source,
        links=links,
    )
