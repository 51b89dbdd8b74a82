"""Write BibTeX and BibLaTeX that ``bibtex`` accepts without a warning and pandoc reads back intact.

Written from each entry's CSL item, with the type and field tables below written out. Text fields
escape ``& % $ # _ { } ~ ^ \\`` and keep UTF-8; ``doi`` and ``url`` are verbatim; title markup becomes
``\\textit{}``, ``\\textsuperscript{}``... Words with capitals in titles are braced so styles cannot
lower-case them (acronyms, proper names); organisations are double-braced so they are not split into
first and last names, and so are list fields (publisher, institution...) holding the word "and". An
entry keeps the type of its record whatever it lacks: a journal article without authors is still an
``@article`` with its journal, volume and pages (BibTeX then says the author is empty, which is true).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import refs.export.csl as csl
import refs.export.markup as markup
from refs.export.entries import Entry

_VERBATIM = {"doi", "url"}
_MACRO_FIELDS = {"month"}  # written bare so the style's month macros (jan, feb, ...) apply
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# '--' and "''" are ligatures in LaTeX (a dash, a closing quote): a {} between keeps them two characters.
_SPECIAL = re.compile(r"[\\{}&%$#_~^`]|-(?=-)|'(?=')")
_ESCAPES = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "-": "-{}", "'": "'{}", "`": "{`}",
}
# (BibTeX type, BibLaTeX type) by CSL type.
_TYPES = {
    "article-journal": ("article", "article"), "book": ("book", "book"), "chapter": ("incollection", "incollection"),
    "entry": ("incollection", "inreference"), "entry-dictionary": ("incollection", "inreference"),
    "entry-encyclopedia": ("incollection", "inreference"), "paper-conference": ("inproceedings", "inproceedings"),
    "thesis": ("phdthesis", "thesis"), "report": ("techreport", "report"), "dataset": ("misc", "dataset"),
    "webpage": ("misc", "online"), "article": ("misc", "misc"), "review": ("misc", "misc"),
}
# Where the container title goes, by entry type; other types print it as howpublished.
_CONTAINER = {"article": "journal", "incollection": "booktitle", "inproceedings": "booktitle",
              "inreference": "booktitle"}
# Who publishes, by entry type.
_PUBLISHER = {"phdthesis": "school", "thesis": "institution", "techreport": "institution", "report": "institution"}
# What the degree or report is called when the record says no more (both are required by BibLaTeX).
_GENRE = {"phdthesis": "Dissertation", "thesis": "Dissertation", "techreport": "Report", "report": "Report"}
# BibLaTeX splits these at "and"; BibTeX's styles print them as they are.
_LIST_FIELDS = {"publisher", "institution", "school", "organization", "location", "address"}
# BibLaTeX's data model (biber --validate-datamodel) has no place for some fields in some types: they move
# to the field it has for the same thing, or are left out when it has none (an article's publisher, the
# ISSN of the series a book is in).
_BIBLATEX_FIELDS: dict[str, dict[str, str | None]] = {
    "article": {"publisher": None}, "misc": {"publisher": "organization"},
    "dataset": {"howpublished": "series"}, "online": {"howpublished": "organization", "publisher": "organization"},
    "book": {"issn": None}, "incollection": {"issn": None}, "inreference": {"issn": None},
    "inproceedings": {"issn": None},
}
_TITLE_FIELDS = {"title", "journal", "journaltitle", "booktitle", "series", "eventtitle", "howpublished"}


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def escape(text: str) -> str:
    """LaTeX-escape a text field; whitespace is folded."""
    text = " ".join(text.split())
    braces_ok = _balanced(text)

    def replace(match: re.Match[str]) -> str:
        token = match.group()
        if token in "{}":
            # Balanced braces stay braces (escaped); a lone one has no BibTeX-safe spelling but a macro.
            if braces_ok:
                return "\\" + token
            return r"\textbraceleft{}" if token == "{" else r"\textbraceright{}"
        return _ESCAPES[token]

    return _SPECIAL.sub(replace, text)


def _brace(escaped: str) -> str:
    # "{\#MeToo}" is a "special character" to BibTeX, whose case styles do change: a second pair protects it.
    return "{{" + escaped + "}}" if escaped.startswith("\\") else "{" + escaped + "}"


def protect_title(title: str) -> str:
    """A CSL rich-text title as LaTeX: markup as commands, every word with a capital braced (but the first
    word's initial capital, which styles keep anyway), so no style lower-cases an acronym or a name."""
    first = True

    def words(text: str) -> str:
        nonlocal first
        out: list[str] = []
        for word in text.split(" "):
            if not word:
                out.append(word)
                continue
            escaped = escape(word)
            if any(c.isupper() for c in word[1:]) or (not first and word[:1].isupper()):
                escaped = _brace(escaped)
            first = False
            out.append(escaped)
        return " ".join(out)

    return markup.latex(markup.parse(title), words)


def _name_part(text: str, given: bool = False) -> str:
    """A part of a name; braced when it holds a comma or the word 'and' (which split names), or a word in
    lower case (in a family name, BibTeX would take it for a particle and split "Ferreira de Almeida"; in
    a given name, readers would)."""
    escaped = escape(text)
    words = text.split()
    lowered_word = (given or len(words) > 1) and any(word[:1].islower() for word in words)
    if "," in text or re.search(r"\band\b", text, re.IGNORECASE) or lowered_word:
        return "{" + escaped + "}"
    return escaped


def format_name(name: dict[str, str]) -> str:
    """A CSL name in BibTeX's "Family, Suffix, Given" form; an organisation whole."""
    if "literal" in name:
        return "{" + escape(name["literal"]) + "}"
    if "family" not in name:
        return escape(name.get("given", ""))  # Crossref knows no family name: BibTeX reads "First Last"
    if not name.get("given") and not name.get("suffix") and len(name["family"].split()) > 1:
        return "{" + escape(name["family"]) + "}"  # one family name of several words, nothing to split off
    parts = [_name_part(name["family"])]
    if name.get("suffix"):
        parts.append(_name_part(name["suffix"]))
    if name.get("given"):
        parts.append(_name_part(name["given"], given=True))
    elif len(parts) == 2:
        parts.append("")
    return ", ".join(parts)


def _names(names: list[dict[str, str]], et_al: bool = False) -> str:
    return " and ".join([format_name(n) for n in names] + (["others"] if et_al else []))


def entry_type(item: dict[str, Any], biblatex: bool) -> str:
    bibtex_type, biblatex_type = _TYPES.get(item.get("type", ""), ("misc", "misc"))
    return biblatex_type if biblatex else bibtex_type


def _fields(entry: Entry, kind: str, biblatex: bool) -> list[tuple[str, str]]:
    item = entry.item
    fields: list[tuple[str, str]] = []

    def add(name: str, value: str | None) -> None:
        if not value:
            return
        if name in _TITLE_FIELDS:
            value = protect_title(value)
        elif name not in _VERBATIM:
            value = escape(value)
            if name in _LIST_FIELDS and re.search(r"\band\b", value):
                value = "{" + value + "}"
        fields.append((name, value))

    if item.get("author"):
        fields.append(("author", _names(item["author"], entry.et_al)))
    if item.get("editor"):
        fields.append(("editor", _names(item["editor"])))
    if biblatex and item.get("translator"):
        fields.append(("translator", _names(item["translator"])))
    add("title", item.get("title"))
    container = item.get("container-title")
    container_field = _CONTAINER.get(kind)
    if container_field == "journal" and biblatex:
        container_field = "journaltitle"
    add(container_field or "howpublished", container)
    if biblatex and kind == "article":
        add("shortjournal", item.get("container-title-short"))
    add("series", item.get("collection-title"))
    if biblatex:
        add("eventtitle", item.get("event"))
        add("venue", item.get("event-place"))
    parts = csl.date_parts(item)
    if biblatex:
        if parts:
            fields.append(("date", "-".join([f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:])])))
    elif parts:
        fields.append(("year", str(parts[0])))
        if len(parts) > 1 and 1 <= parts[1] <= 12:
            fields.append(("month", _MONTHS[parts[1] - 1]))
    else:
        # What citation styles print for an undated work; without it natbib's author-year styles stop.
        fields.append(("year", "n.d."))
    add("volume", item.get("volume"))
    add("number", item.get("issue"))
    page = item.get("page")
    if page:
        fields.append(("pages", escape(page).replace("-", "--") if re.fullmatch(r"\w+-\w+", page) else escape(page)))
    add("edition", item.get("edition"))
    if kind in _GENRE:
        add("type", item.get("genre") or _GENRE[kind])
    add(_PUBLISHER.get(kind, "publisher"), item.get("publisher"))
    add("location" if biblatex else "address",
        item.get("publisher-place") or (item.get("event-place") if not biblatex else None))
    add("language", item.get("language"))
    add("isbn", item.get("ISBN"))
    add("issn", item.get("ISSN"))
    add("doi", item.get("DOI"))
    add("url", item.get("URL"))
    if entry.notices:
        add("addendum" if biblatex else "note", ". ".join(entry.notices))
    if entry.annotation:
        add("annotation" if biblatex else "annote", entry.annotation)
    if not item.get("author") and not item.get("editor"):
        # What styles sort and label a work without authors by: its title, as APA prints it there.
        key = " ".join((csl.plain(item.get("title-short") or item.get("title") or container or "") or "").split()[:6])
        add("key", key)
    if biblatex and kind in _BIBLATEX_FIELDS:
        moves = _BIBLATEX_FIELDS[kind]
        placed = {name for name, _ in fields}
        fields = [(moves.get(name) or name, value) for name, value in fields
                  if name not in moves or (moves[name] and moves[name] not in placed)]
    return fields


# Combining accents LaTeX writes as commands: "é" is e + U+0301, written {\'e}.
_ACCENTS = {"\u0300": "`", "\u0301": "'", "\u0302": "^", "\u0303": "~", "\u0308": '"', "\u030a": "r ",
            "\u0327": "c ", "\u030c": "v ", "\u0306": "u ", "\u0304": "=", "\u0307": ".", "\u0328": "k ",
            "\u030b": "H "}


def _accented(char: str) -> str:
    """An accented Latin letter as a LaTeX accent command; any other character as it is."""
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0], decomposed[1:]
    if not base.isascii() or not base.isalpha() or len(marks) != 1 or marks[0] not in _ACCENTS:
        return char
    # {\'i}, not {\'\i}: LaTeX has accepted it since 2018, and pandoc reads {\'\i} back as a dotless "ı́".
    return "{\\" + _ACCENTS[marks[0]] + base + "}"


def _letters_as_latex(value: str) -> str:
    if value.isascii():
        return value
    return "".join(c if c.isascii() else _accented(c) for c in value)


def format_entry(entry: Entry, biblatex: bool = False) -> str:
    kind = entry_type(entry.item, biblatex)
    fields = _fields(entry, kind, biblatex)
    if not biblatex:
        # BibTeX is an 8-bit program: it wraps lines at byte counts, splitting UTF-8 characters, and sorts
        # by bytes. Accented letters go as LaTeX commands (as Better BibTeX writes them for BibTeX); other
        # characters stay UTF-8 (readers such as pandoc drop commands like \texttrademark). Biber reads
        # UTF-8, so BibLaTeX keeps it.
        fields = [(name, value if name in _VERBATIM else _letters_as_latex(value)) for name, value in fields]
    width = max(len(name) for name, _ in fields) if fields else 0
    body = ",\n".join(
        f"  {name.ljust(width)} = {value if name in _MACRO_FIELDS else '{' + value + '}'}" for name, value in fields
    )
    return f"@{kind}{{{entry.key},\n{body}\n}}\n"


def dumps(entries: Iterable[Entry], biblatex: bool = False) -> str:
    """A whole .bib file."""
    header = "% Encoding: UTF-8\n% Exported by refs\n\n"
    return header + "\n".join(format_entry(e, biblatex) for e in entries)
