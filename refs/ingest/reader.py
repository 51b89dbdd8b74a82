"""Read an article file: check it is text, decode it, and turn it into plain text."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from refs.errors import InputError
from refs.ingest.html import html_to_text
from refs.ingest.markdown import markdown_to_text
from refs.model import Article, ArticleFormat, TitleSource
from refs.text.patterns import FURNITURE

_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd", ".qmd", ".rmd"}
_HTML_SNIFF = re.compile(rb"^\s*(?:<!doctype html|<html|<head|<body|<\?xml[^>]*>\s*<html)", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", re.IGNORECASE)

# Terminal escape sequences (window titles, hyperlinks, colours) whole, then any other C0/C1 control
# but tab and newline: text from the web must not drive the terminal, a .bib file or a report.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\][^\x07\x1b]{0,4096}(?:\x07|\x1b\\)"  # OSC: window title, hyperlink
    r"|(?:\x1b\[|\x9b)[0-?]*+[ -/]*+[@-~]"  # CSI: colours, cursor movement
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> str:
    """``text`` without terminal escape sequences and control characters (tab and newline stay)."""
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))


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


def _detect_format(path: Path, data: bytes) -> ArticleFormat:
    suffix = path.suffix.lower()
    if suffix in _HTML_SUFFIXES or _HTML_SNIFF.match(data[:1024]):
        return ArticleFormat.HTML
    if suffix in _MARKDOWN_SUFFIXES:
        return ArticleFormat.MARKDOWN
    return ArticleFormat.TEXT


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


def _load(path: Path) -> tuple[bytes, ArticleFormat, str]:
    """The file's bytes, its format and its decoded text; InputError when it cannot be an article."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory (give the article files inside it)")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    fmt = _detect_format(path, data)
    return data, fmt, _decode(data, path, _declared_charset(data) if fmt == ArticleFormat.HTML else None)


def _declared_charset(data: bytes) -> str | None:
    charset = _META_CHARSET.search(data[:4096])
    return charset.group(1).decode("ascii") if charset else None


def check_readable(path: Path) -> None:
    """InputError when ``path`` cannot be read as an article (nothing is kept)."""
    _load(path)


def read_document(path: Path) -> Article:
    """Read ``path`` as an article (its reference list not yet parsed); InputError when it cannot be one."""
    return load(path).render()


@dataclass(frozen=True)
class Loaded:
    """A file read and decoded, not yet rendered as text: what it is can be known (its content's hash)
    before the work of reading HTML or Markdown is done."""

    path: Path
    data: bytes
    format: ArticleFormat
    decoded: str

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def render(self) -> Article:
        """The article (its reference list not yet parsed)."""
        return _article(self.path, self.data, self.format, self.decoded)


def load(path: Path) -> Loaded:
    """Read ``path``; InputError when it cannot be an article."""
    return Loaded(path, *_load(path))


def from_bytes(data: bytes, name: Path, charset: str | None = None) -> Article:
    """An article from bytes fetched elsewhere (a web page); ``name`` gives the format by its suffix and
    the article its id; ``charset`` is the one the server declared."""
    fmt = _detect_format(name, data)
    declared = charset or (_declared_charset(data) if fmt == ArticleFormat.HTML else None)
    return _article(name, data, fmt, _decode(data, name, declared))


def _article(path: Path, data: bytes, fmt: ArticleFormat, decoded: str) -> Article:
    raw = strip_controls(decoded.replace("\r\n", "\n").replace("\r", "\n"))
    links: list[tuple[str, str]] = []
    title: str | None
    bibliography: str | None = None
    title_source = TitleSource.FILE_NAME
    if fmt == ArticleFormat.HTML:
        rendered = html_to_text(raw)
        text, title, links = rendered.text, rendered.title, rendered.links
        title_source = TitleSource.HTML_TITLE
    elif fmt == ArticleFormat.MARKDOWN:
        md = markdown_to_text(raw)
        text, title, links = md.text, md.title, md.links
        bibliography = md.bibliography
        title_source = TitleSource.MARKDOWN_HEADING
    else:
        text, title = raw.strip(), None
    if not title:
        title = _first_line_title(text)
        title_source = TitleSource.FIRST_LINE
    if not title:
        title, title_source = _title_from_name(path), TitleSource.FILE_NAME
    return Article(
        path=path,
        text=text,
        format=fmt,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        title=title,
        title_source=title_source,
        links=links,
        bibliography=bibliography,
        original=decoded,
    )
