"""Write BibTeX and BibLaTeX that ``bibtex`` accepts without a warning and pandoc reads back intact.

Text fields escape ``& % $ # _ { } ~ ^ \\`` and keep UTF-8; ``doi`` and ``url`` are
verbatim. Words with capitals are braced so styles cannot lower-case them
(acronyms, proper names); organisations are double-braced so they are not
split into first and last names. An entry missing a field its type requires
becomes ``misc`` rather than a warning.
"""

from __future__ import annotations

import re

from refs.model import Person, Work

_MACRO_FIELDS = {"month"}  # written bare so the style's month macros (jan, feb, ...) apply
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# '--' and "''" are ligatures in LaTeX (a dash, a closing quote): a {} between keeps them two characters.
_SPECIAL = re.compile(r"[\\{}&%$#_~^`]|-(?=-)|'(?=')")
_ESCAPES = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "-": "-{}", "'": "'{}", "`": "{`}",
}
# BibTeX entry types by Crossref type; BibLaTeX's where they differ.
_BIBTEX_TYPES = {
    "journal-article": "article", "book": "book", "monograph": "book", "edited-book": "book",
    "reference-book": "book", "book-chapter": "incollection", "book-section": "incollection",
    "book-part": "incollection", "reference-entry": "incollection", "proceedings-article": "inproceedings",
    "dissertation": "phdthesis", "report": "techreport",
}
_BIBLATEX_TYPES = {"phdthesis": "thesis", "techreport": "report"}
_REQUIRED = {
    "article": ("author", "title", "journal", "year"),
    "book": ("author", "title", "publisher", "year"),
    "incollection": ("author", "title", "booktitle", "publisher", "year"),
    "inproceedings": ("author", "title", "booktitle", "year"),
    "phdthesis": ("author", "title", "school", "year"),
    "techreport": ("author", "title", "institution", "year"),
}


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


def protect_title(title: str) -> str:
    """Escape a title and brace every word that has a capital, so no style lower-cases it."""
    out = []
    for index, word in enumerate(title.split()):
        escaped = escape(word)
        # Escaped braces inside a word keep the field balanced, so any such word can be wrapped too.
        if any(c.isupper() for c in word[1:]) or (index > 0 and word[:1].isupper()):
            out.append("{" + escaped + "}")
        else:
            out.append(escaped)
    return " ".join(out)


def _name_part(text: str, given: bool = False) -> str:
    """A family or given name; braced when it holds a comma or the word 'and' (which split names),
    or, in a given name, a word in lower case (which readers would take for a particle)."""
    escaped = escape(text)
    lowered_word = given and any(word[:1].islower() for word in text.split())
    if "," in text or re.search(r"\band\b", text, re.IGNORECASE) or text != text.strip() or lowered_word:
        return "{" + escaped + "}"
    return escaped


def format_name(person: Person) -> str:
    if person.name:
        return "{" + escape(person.name) + "}"
    family = _name_part(person.family or "")
    return f"{family}, {_name_part(person.given, given=True)}" if person.given else family


def _entry_type(entry: Work, biblatex: bool) -> str:
    if entry.type:
        kind = _BIBTEX_TYPES.get(entry.type, "misc")
    else:
        kind = {"article": "article", "book": "book"}.get(entry.kind, "misc")
    if biblatex:
        if kind == "misc" and (entry.kind == "web" or (entry.url and not entry.doi)):
            return "online"
        return _BIBLATEX_TYPES.get(kind, kind)
    return kind


def _fields(entry: Work, kind: str, biblatex: bool) -> list[tuple[str, str]]:
    fields: list[tuple[str, str]] = []
    if entry.authors:
        fields.append(("author", " and ".join(format_name(p) for p in entry.authors)))
    if entry.title:
        fields.append(("title", protect_title(entry.title)))
    if entry.container:
        container_field = {"article": "journaltitle" if biblatex else "journal",
                           "incollection": "booktitle", "inproceedings": "booktitle"}.get(kind)
        if container_field:
            fields.append((container_field, escape(entry.container)))
        elif kind in ("misc", "online"):
            fields.append(("howpublished" if not biblatex else "organization", escape(entry.container)))
    if entry.publisher:
        field_name = {"phdthesis": "school", "techreport": "institution", "thesis": "institution",
                      "report": "institution"}.get(kind, "publisher")
        fields.append((field_name, escape(entry.publisher)))
    year, month, day = entry.date_parts
    if year:
        if biblatex:
            parts = [f"{year:04d}"] + [f"{p:02d}" for p in (month, day) if p]
            if day and not month:
                parts = parts[:1]
            fields.append(("date", "-".join(parts)))
        else:
            fields.append(("year", str(year)))
            if month:
                fields.append(("month", _MONTHS[month - 1]))
    for name, value in (("volume", entry.volume), ("number", entry.issue)):
        if value:
            fields.append((name, escape(value)))
    if entry.pages:
        fields.append(("pages", escape(entry.pages).replace("-", "--") if re.fullmatch(r"\w+-\w+", entry.pages)
                       else escape(entry.pages)))
    if entry.issn:
        fields.append(("issn", escape(entry.issn.split(";")[0].strip())))
    if entry.isbn:
        fields.append(("isbn", escape(entry.isbn.split(";")[0].strip())))
    if entry.doi:
        fields.append(("doi", entry.doi))
    if entry.url:
        fields.append(("url", entry.url))
    if entry.notices:
        fields.append(("note", escape(". ".join(entry.notices))))
    if entry.claims_supported:
        fields.append(("annote" if not biblatex else "annotation", escape(entry.notes[-1])))
    if not entry.authors:
        fields.append(("key", entry.key))  # lets styles sort an entry with no author
    return fields


def _resolve_type(entry: Work, biblatex: bool) -> str:
    kind = _entry_type(entry, biblatex)
    bibtex_kind = _entry_type(entry, False)
    present = {name for name, _ in _fields(entry, bibtex_kind, False)}
    if bibtex_kind in _REQUIRED and not set(_REQUIRED[bibtex_kind]) <= present:
        return "online" if biblatex and (entry.kind == "web" or entry.url) else "misc"
    return kind


def format_entry(entry: Work, biblatex: bool = False) -> str:
    kind = _resolve_type(entry, biblatex)
    fields = _fields(entry, kind, biblatex)
    width = max(len(name) for name, _ in fields) if fields else 0
    body = ",\n".join(
        f"  {name.ljust(width)} = {value if name in _MACRO_FIELDS else '{' + value + '}'}" for name, value in fields
    )
    return f"@{kind}{{{entry.key},\n{body}\n}}\n"


def dumps(entries: list[Work], biblatex: bool = False) -> str:
    """A whole .bib file."""
    header = "% Encoding: UTF-8\n% Exported by refs\n\n"
    return header + "\n".join(format_entry(e, biblatex) for e in entries)
