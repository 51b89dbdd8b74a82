"""Find an article's reference list and cut it into one string per entry.

The list is found by its heading ("Sources", "12 Sources", "References", ...)
or, without one, by a run of lines shaped like references. Entries glued
together by scraping are separated again, and a list printed more than once
gives each entry once.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from refs.ingest import segments as seg
from refs.text import doi as doi_mod
from refs.text.patterns import FURNITURE, URL

_HEADING_WORDS = (
    r"(?i:sources|references|reference list|bibliography|works cited|citations|literature cited|"
    r"cited literature|notes and references|references and notes|sources and further reading|further reading|"
    r"notes|footnotes|endnotes|journal references?|"
    # The same headings in the other languages health pages are often written in (Spanish, Portuguese,
    # French, Italian, German).
    r"referencias(?: bibliogr[aá]ficas)?|refer[eê]ncias(?: bibliogr[aá]ficas)?|bibliograf[ií]a|fuentes|fontes|"
    r"r[ée]f[ée]rences(?: bibliographiques)?|bibliographie|riferimenti(?: bibliografici)?|"
    r"literaturverzeichnis|literatur|quellen|einzelnachweise)"
)
# Rules, hashes, stars and brackets scrapers and writers put around a heading ("--- REFERENCES ---",
# "=== Bibliography ===", "## References", "[Sources]").
# A page's permalink mark copied with its heading ("References¶", "Sources §") is decoration too.
_DECORATION = r"[-=*_~#•·|\[\]()<>¶§]"
# The heading alone on its line (in any case, with any decoration, and a wiki's "[edit]" link copied with
# it: "References[edit]"), or glued to the text that follows it on a scraped page ("12 SourcesVerywell
# Health uses..."). Case matters after it.
HEADING = re.compile(
    rf"^\s*+(?:{_DECORATION}++\s*+)?(?:\d{{1,3}}\s*)?(?P<word>{_HEADING_WORDS})\s*+:?\s*+"
    rf"(?:\[\s*+(?i:edit(?:\s++source)?)\s*+\]\s*+|{_DECORATION}++\s*+)?"
    # ... or, after a colon, by the list's first number ("References: 1. Kessler RC, ...").
    rf"(?=$|[A-Z]|(?:(?<=:)|(?<=:\s))(?:\[\d{{1,3}}\]|\d{{1,3}}[.)])\s)"
)
# Headings that lead a list of works as often as prose ("## Research", "Publications" in a project's README):
# the list under one counts only when every line of it is plainly a reference.
_WEAK_HEADING = re.compile(
    rf"^\s*+(?:{_DECORATION}++\s*+)?(?i:research|publications|selected publications|papers|research papers|"
    rf"related papers|related publications|key papers|literature)\s*+:?\s*+(?:{_DECORATION}++\s*+)?$"
)
# A parenthetical source label after the statement it backs ("... (SOURCE: World Health Organization. ...)").
_SOURCE_NOTE = re.compile(r"\((?i:sources?)\s*+:\s*+([^()\n]{10,600}+)\)")
# A line that gives one source in place ("Source: Author AB. Title. J. 2006;166:1092-7.", "SOURCE: ...",
# "Adapted from ..."): the label, then the reference.
SOURCE_LINE = re.compile(r"^\s*+(?i:sources?\s*+:|adapted\s++(?:with\s++permission\s++)?from\s*+:?)\s*+(?=\S)")
_NUMBERED = re.compile(r"^\s*(?:\[(?P<a>\d{1,6})\]|(?P<b>\d{1,6})[.)](?!\d)|\^?(?P<c>\d{1,6})\s(?=[A-Z]))\s*")
# A wiki's back-link before a note, with its letters when the note is cited more than once ("^ a b Smith
# J ...", "↑ Smith J ...", a journal page's "↵"): it may follow the list number ("12. ^ a b Eich, Brendan").
_BACKLINK = r"[\^↑↵](?:\s++[a-z]{1,2}+(?=\s))*+\s*+"
_BACKLINK_AFTER_NUMBER = re.compile(rf"^\s*+{_BACKLINK}")
# A bullet, or a back-link.
_BULLET = re.compile(rf"^\s*+(?:[-*+•●▪◦‣○■□–—➢►]\s++|{_BACKLINK})")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s")
# Prose that ends by citing a reference ("... on official occasions.[1]") is a note, not a reference.
_CITES_AT_END = re.compile(r"[.!?]\[\d{1,4}\]\s*$")
# A title in quotation marks opening the entry (Wikipedia's citation templates), alone on its line or
# followed by where and when it appeared ('"Title". gigaom.com. Retrieved 2014-04-05.').
_QUOTED_TITLE = re.compile(r"^[\"“][^\"“”\n]{2,400}+[\"”][.,]?$")
_QUOTED_AFTER_YEAR = re.compile(r"^[\s.,]*+['‘\"“][^\n]{2,400}?['’\"”][,.](?:\s|$)")
_QUOTED_TITLE_START = re.compile(r"^[\"“][^\"“”\n]{2,400}+[\"”][.,]\s")
# A line of an RIS record pasted into the page ("TY  - JOUR", "DO  - 10.1000/x"): the page's own citation,
# never one of its references.
_RIS_LINE = re.compile(r"^[A-Z][A-Z0-9]\s{2}-(?:\s|$)")
# A list number alone on its line, its entry on the next ("[1]" over "Kroenke K, ..."): how documentation
# sites (docutils' footnotes) and some pages lay out a list, one element for the label and one for the entry.
_LABEL_ALONE = re.compile(r"^(?:\[\d{1,6}\]|\(\d{1,6}\)|\d{1,6}[.)]?)$")
_MAX_GAP = 2  # non-reference lines tolerated inside a list (publisher notes, blank lines)
_MAX_PREAMBLE = 25  # non-reference lines tolerated between a heading and its list (explanatory notes)
_LINE_LIST = 5  # unnumbered lines from which a list is taken to print one entry per line
_GLUED_TIMES = 3.0  # a line this many times the list's median length holds glued entries


# Marks a line of the list that is not a reference but keeps its place in the count (control characters
# never reach this stage: ingest strips them).
PLACEHOLDER = "\x00"


@dataclass(frozen=True)
class ListedEntry:
    """One reference entry before parsing: its text, position in the list, and the number printed with it."""

    text: str
    position: int
    number: int | None = None


# Link buttons that PubMed, PMC and publisher pages print after each reference ("[PubMed] [Google Scholar]",
# glued when scraped: "843-844.PubMedGoogle Scholar"): page furniture, not part of the reference.
_LINK_BUTTONS = re.compile(
    r"(?:\s*+\[?(?:PMC free article|PubMed Central|PubMed|Google Scholar|CrossRef|Crossref|Web of Science|"
    r"Scopus|MEDLINE|Medline|CAS|ISI|Free Full Text|Full Text|Abstract|Article|PDF|Ref list|External Link|"
    r"View Article|View at Publisher)\]?)++\s*$"
)


# The arrow after a footnote that links back to where it was called ("... 2017;221:31-35. ↩").
_BACK_ARROW_AT_END = re.compile(r"\s*+[↩⤴\ufe0e\ufe0f]++\s*+$")


def strip_link_buttons(text: str) -> str:
    """An entry without the link buttons printed after it; bracketed ones always go, bare ones only when the
    entry does not end with a word of its own that reads the same (a title "... Abstract")."""
    offset = max(0, len(text) - 400)  # the buttons end the entry: looking at its end keeps this linear
    found = _LINK_BUTTONS.search(text, offset)
    if not found or found.start() == 0:
        return text
    tail = found.group()
    if "[" not in tail and not re.search(r"(?:PubMed|Google Scholar|CrossRef|Crossref|PMC free article)", tail):
        return text
    return text[: found.start()].rstrip()


def _strip_marker(line: str) -> tuple[str, int | None]:
    found = _NUMBERED.match(line)
    if found:
        number = found.group("a") or found.group("b") or found.group("c")
        return line[found.end():], int(number)
    bullet = _BULLET.match(line)
    return (line[bullet.end():] if bullet else line), None


def _strong_reference(line: str) -> bool:
    """A line that is almost certainly a reference: authors or number, and a year or DOI."""
    body, number = _strip_marker(line)
    parts = seg.split(body)
    if not parts:
        return False
    has_when = bool(seg.YEAR.search(body) or doi_mod.find(body))
    starts_like_authors = seg.is_author_list(parts[0].text) or bool(seg.APA_START.match(body))
    if not starts_like_authors and number is None:
        # PLOS and many journals: "Rich KM, Wanyoike F (2010) An assessment of ...": Vancouver names, then
        # the year in parentheses, in the same sentence.
        found = seg.author_year(body)
        starts_like_authors = bool(found and seg.VANCOUVER_LIST.match(found.authors.strip().rstrip(",")))
    return has_when and (number is not None or starts_like_authors) and len(parts) >= 2


def _reference_like(line: str) -> bool:
    """A line that can belong to a reference list (looser than _strong_reference)."""
    body, number = _strip_marker(line)
    if not body.strip() or FURNITURE.match(body.strip()) or _CITES_AT_END.search(body):
        return False
    if doi_mod.find(body) or URL.search(body) or _strong_reference(line) or seg.SHORT_NOTE.match(body.strip()):
        return True
    found = seg.author_year(body)
    if found and 0 < len(found.authors.split()) <= 40 and (len(seg.split(found.rest)) >= 2
                                                          or _QUOTED_AFTER_YEAR.match(found.rest)):
        # "WHO (2007) Outbreaks of ... Weekly epidemiological news 20: 169–178"; "Zung, W.W.K. (1972) 'The
        # Depression Status Inventory', Journal of Clinical Psychology, 28(4), pp. 539–543." (Harvard, as
        # British universities teach it: the title quoted, the rest after commas).
        return True
    parts = [p for p in seg.split(body) if not seg.BOILERPLATE.search(p.text)]
    if len(parts) >= 2 and len(parts[0].text.split()) <= 12:
        return True
    if parts and _QUOTED_TITLE.match(parts[0].text.strip()):
        return True  # Wikipedia's '"Title". site.com. Retrieved 2014-04-05.', or its title alone
    quoted = _QUOTED_TITLE_START.match(body)
    if quoted and seg.YEAR.search(body, quoted.end()):
        return True
    return number is not None and len(parts) >= 1 and bool(seg.YEAR.search(body))


def _section_lines(lines: list[str], start: int, first_rest: str) -> list[str]:
    """Lines of the list that starts after the heading at ``start``.

    Reference-like lines form runs (up to ``_MAX_GAP`` other lines inside one). Runs may start within
    ``_MAX_PREAMBLE`` lines of the heading (explanatory notes often come first); the longest is the list.
    """
    runs: list[list[str]] = []
    body: list[str] = [first_rest] if first_rest.strip() else []
    between: list[str] = []  # other lines since the last reference-like one
    gap = 0
    seen = 0  # non-blank lines since the heading
    label = ""  # a list number alone on the line before
    for line in doi_mod.join_broken(itertools.islice(lines, start + 1, None)):
        stripped = line.strip()
        if not stripped:
            continue
        if _LABEL_ALONE.match(stripped) and not label:
            label = "[" + stripped.strip("[]().") + "]"
            continue
        if label and _strip_marker(stripped)[1] is None and not (_MD_HEADING.match(line) or HEADING.match(stripped)):
            line = stripped = f"{label} {stripped}"
        label = ""
        heading = HEADING.match(stripped)
        if heading:
            rest = stripped[heading.end():]
            if rest.strip():
                body.append(rest)
            continue
        if _MD_HEADING.match(line):
            break
        if _RIS_LINE.match(stripped) or _furniture_line(stripped):
            continue
        seen += 1
        if _reference_like(stripped):
            if body:
                # Items of the list that are not references (a note among them) still hold their place:
                # markers count the list as printed.
                body += [PLACEHOLDER + other for other in between]
            body.append(stripped)
            between, gap = [], 0
            continue
        if seg.BOILERPLATE.search(stripped):
            continue
        if body and _numbered_continuation(body[-1], stripped):
            body[-1] = body[-1] + " " + stripped
            continue
        if FURNITURE.match(stripped):
            break
        gap += 1
        between.append(stripped)
        if gap > _MAX_GAP:
            between = []
            if body:
                runs.append(body)
                body = []
            if seen > _MAX_PREAMBLE:
                break
            gap = 0
    if body:
        runs.append(body)
    return max(runs, key=len) if runs else []


def _furniture_line(line: str) -> bool:
    """A line of a list that holds no entry and takes no place in it: a journal page's link buttons on their
    own line ("CrossRefPubMedWeb of ScienceGoogle Scholar"), a back-link arrow ("↵")."""
    return not any(char.isalnum() for char in line) or bool(_LINK_BUTTONS.fullmatch(line))


def _numbered_continuation(previous: str, line: str) -> bool:
    """A wrapped line of a numbered entry (no number of its own, entry not finished)."""
    return _strip_marker(previous)[1] is not None and _strip_marker(line)[1] is None and not line[:1].isupper()


def _shape_run(lines: list[str]) -> tuple[int | None, list[str]]:
    """Without a heading: the last run of lines shaped like references, and its first line. Three lines make
    a run, or two numbered 1 and 2 (a page's footnotes under no heading)."""
    best: tuple[int | None, list[str]] = (None, [])
    run: list[str] = []
    run_start = 0

    def enough(run: list[str]) -> bool:
        return len(run) >= 3 or (len(run) == 2 and [_strip_marker(line)[1] for line in run] == [1, 2])

    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if _strong_reference(stripped) and not _RIS_LINE.match(stripped):
            if not run:
                run_start = index
            run.append(stripped)
        else:
            if enough(run):
                best = (run_start, run)
            run = []
    if enough(run):
        best = (run_start, run)
    return best


@dataclass(frozen=True)
class Section:
    """Where an article's reference list starts (a line index) and its entries."""

    start_line: int | None
    lines: list[str]
    entries: list[ListedEntry]


def locate(text: str) -> Section:
    """The heading-led section with the most entries (the first of equals), else the shape-found one."""
    lines = text.split("\n")
    best = Section(None, [], [])
    for index, line in enumerate(lines):
        found = HEADING.match(line)
        if not found:
            if _WEAK_HEADING.match(line):
                body = _section_lines(lines, index, "")
                if body and all(_strong_reference(each) for each in body):
                    entries = split_entries(body)
                    if entries and len(entries) > len(best.entries):
                        best = Section(index, body, entries)
            continue
        body = _section_lines(lines, index, line[found.end():])
        entries = split_entries(body)
        if entries and len(entries) > len(best.entries):
            best = Section(index, body, entries)
    if best.entries:
        return best
    single = _source_lines(lines)
    if single.entries:
        return single
    start, body = _shape_run(lines)
    return Section(start, body, split_entries(body))


def _source_lines(lines: list[str]) -> Section:
    """Without a list: the lines that each give one source ("Source: ..."), as the article's sources."""
    found: list[str] = []
    start = None
    for index, line in enumerate(lines):
        label = SOURCE_LINE.match(line)
        given = [line[label.end():].strip()] if label else [m.group(1).strip() for m in _SOURCE_NOTE.finditer(line)]
        for text in given:
            if _reference_like(text):
                found.append(text)
                start = index if start is None else start
    return Section(start, found, split_entries(found)) if found else Section(None, [], [])


# The head of an author-year entry glued to the previous entry's last page ("...131–137Garton NJ,
# Christensen H (2002) Intracellular..."): names with initials, then the year in parentheses.
# A family name may have one inner capital ("LaBeaud", "McDonald") and particles ("Jansen van Vuren").
_GLUED_FAMILY = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’-]++(?:[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’-]++)?"
_GLUED_PARTICLES = r"(?:\s(?:van|von|de|der|den|da|du|del|di|la|le|ter|dos|das))*+"
_GLUED_INITIALS = r"[A-Z]{1,4}+(?:-[A-Z]{1,2}+)?"  # "JCB", "J-F"
_GLUED_LEAD_PARTICLES = r"(?:(?:van|von|de|der|den|da|du|del|di|la|le|ter|dos|das)\s)*+"  # "de Vlieg J"
_GLUED_HEAD = re.compile(
    rf"(?<=[\d).])(?={_GLUED_FAMILY}(?:{_GLUED_PARTICLES}[ -]{_GLUED_FAMILY})?\s{_GLUED_INITIALS}"
    rf"(?:,\s{_GLUED_LEAD_PARTICLES}[A-ZÀ-ÖØ-Þ][\w'’-]{{0,40}}+(?:{_GLUED_PARTICLES}\s[A-ZÀ-ÖØ-Þ][\w'’-]{{0,40}}+)?"
    rf"\s{_GLUED_INITIALS}){{0,40}}+(?:,?\set\sal\.?)?\s\((?:1[5-9]|20)\d{{2}}[a-z]?\))"
)


# Where one entry ends and the next begins with no space between (Wikipedia's citation templates, glued):
# a date or page number's closing period, then a capital or an opening quote ("Retrieved 2016.Payment, S.",
# "2012-08-19."Mac vendors"); an opening quote right after a word's or number's period, a parenthesis or an
# ISBN's last digit ("Foundation."Freeing the", "2014-07-01."opensecrets", "(help)"The Role",
# "40864-5"Ngā puna", 'Requirements"."Firefox'); an opening quote and a capitalised word right after a
# word ('fully open and free"Comments on'); or a period, a parenthesis or a word, then an author written
# "Family, Given" and the parenthesised date ("Society.Williamson, Maurice (10 October 2013)", "Pacific.Mullan,
# Brett; Tait, Andrew (2010)", "applicationsFesta, Paul (May 6, 2003)").
_GLUED_BOUNDARY = re.compile(
    r"(?<=\d\.)(?=[\"“]?(?:[A-Z][a-z]|[A-Z]{2,}+\s))|(?<=[\w)\"”]\.)(?=[\"“]\w)|(?<=[)\dX])(?=[\"“][A-Z0-9])|"
    r"(?<=[a-z])(?=[\"“][A-Z][a-z])|"
    # An organisation and its year right after the last page ("263–266WHO (2010)", "372–374Instituto Nacional
    # de Meteorologia (2010)").
    r"(?<=\d)(?=(?:[A-Z]{2,}+|[A-ZÀ-Þ][a-zß-ÿ]++(?:\s(?:[A-ZÀ-Þ][a-zß-ÿ]++|de|da|do|of|for|and|the)){1,8}+)"
    r"\s\((?:1[5-9]|20)\d\d[a-z]?\))|"
    r"(?<=[\w)]\.|.\)|[a-z]{2})(?=[A-ZÀ-Þ][\w'’-]*+(?:\s[A-ZÀ-Þ][\w'’-]*+)?,\s[A-ZÀ-Þ][\w'’.-]*+"
    r"(?:\s[A-ZÀ-Þ][\w'’.-]*+){0,3}+(?:;\s[^;()]{1,60}+){0,12}+\s?\((?:\d{1,2}\s++)?(?:[A-Z][a-z]{2,8}+\.?\s++)?"
    r"(?:\d{1,2},\s++)?(?:1[5-9]|20)\d\d[a-z]?\))"
)


def _inside_locators(text: str) -> Callable[[int], bool]:
    """Whether an offset of ``text`` falls inside one of its DOIs or URLs (found once; looked up by bisection)."""
    spans = sorted([(found.start, found.end) for found in doi_mod.find(text)] + [m.span() for m in URL.finditer(text)])
    starts = [start for start, _ in spans]
    reach: list[int] = []  # the furthest end among the spans starting at or before each one
    for _, end in spans:
        reach.append(max(end, reach[-1]) if reach else end)

    def inside(offset: int) -> bool:
        index = bisect.bisect_left(starts, offset) - 1
        return index >= 0 and reach[index] > offset

    return inside


def _split_glued(text: str) -> list[str]:
    """Separate entries that scraping glued into one line (never inside a DOI or URL: "3.0.CO;2-5")."""
    boundaries = {m.start() for m in _GLUED_BOUNDARY.finditer(text)}
    if boundaries:
        inside = _inside_locators(text)
        boundaries = {at for at in boundaries if not inside(at)}
    heads = sorted({m.start() for m in _GLUED_HEAD.finditer(text)} | boundaries)
    if heads:
        bounds = [0, *heads, len(text)]
        return [piece for start, end in pairwise(bounds)
                for piece in _split_glued_parts(text[start:end])]
    return _split_glued_parts(text)


def _split_glued_parts(text: str) -> list[str]:
    """Separate glued entries at the periods between their parts."""
    parts = [p for p in seg.split(text) if not seg.BOILERPLATE.search(p.text)]
    entries: list[list[seg.Segment]] = []
    current: list[seg.Segment] = []
    has_authors = closed = False
    plain = 0
    for part in parts:
        kind = seg.classify(part.text)
        new = False
        if current:
            if kind is seg.Kind.AUTHORS and (plain > 0 or closed):
                new = True
            elif kind is seg.Kind.PLAIN and part.glued:
                # A bare organisation + title pair is a complete web reference; a
                # third plain part, or one after the numbers, starts the next entry.
                new = closed or (not has_authors and plain >= 2)
            elif kind is seg.Kind.PUBLICATION and closed and part.glued:
                new = True
            elif kind is seg.Kind.LOCATOR and closed and part.glued:
                # "...doi:A.Stravopodis, D. (2009) 'Title', Journal. doi:B": a whole
                # entry before the next DOI.
                head = seg.text_before_locator(part.text)
                new = len(head.split()) >= 3 and not seg.TRAILER.match(head)
        if new:
            entries.append(current)
            current, has_authors, closed, plain = [], False, False, 0
        current.append(part)
        if kind is seg.Kind.AUTHORS:
            has_authors = True
        elif kind in (seg.Kind.PUBLICATION, seg.Kind.LOCATOR):
            closed = True
        elif kind is seg.Kind.PLAIN:
            plain += 1
    if current:
        entries.append(current)
    return [text[entry[0].start:entry[-1].end] for entry in entries if _worth_keeping(entry)]


def _worth_keeping(parts: list[seg.Segment]) -> bool:
    """Two parts or more, or one part with a DOI, URL or year, or a quoted title alone (a web page cited by
    its title, '"Mobile System Requirements".'): not a stray line."""
    if len(parts) >= 2:
        return True
    only = parts[0].text
    return bool(doi_mod.find(only) or URL.search(only) or seg.YEAR.search(only) or _QUOTED_TITLE.match(only.strip()))


def _whole_line_entry(line: str) -> bool:
    """Whether a line of a one-entry-per-line list is an entry: parts enough to parse, or a quoted title
    alone (a web page cited by its title, '"Mobile System Requirements".')."""
    parts = seg.split(line)
    return bool(parts) and (_worth_keeping(parts) or bool(_QUOTED_TITLE.match(line.strip())))


def _dedupe_key(entry: str) -> str:
    found = doi_mod.first(entry)
    if found:
        return "doi:" + found
    return "text:" + re.sub(r"[\W_]+", "", entry.lower())


def _list_numbers(lines: list[str]) -> list[int | None]:
    """Each line's list number, where it has one. A marker set off by punctuation ([3], 3., 3)) always
    counts; a bare number before a capital ("3 Smith J") only when it carries on the count, so a name
    such as "1000 Genomes Project Consortium" is not taken for entry 1000."""
    numbers: list[int | None] = []
    last: int | None = None
    for line in lines:
        found = _NUMBERED.match(line)
        number = None
        if found and found.group("c") is None:
            number = int(found.group("a") or found.group("b"))
        elif found and int(found.group("c")) == (last + 1 if last is not None else 1):
            number = int(found.group("c"))
        numbers.append(number)
        last = number if number is not None else last
    return numbers


# Where the next numbered entry starts inside a line ("...2003;289:3095-3105. 2. Kuehner C. ..."): after a
# period or bracket, its number and a capital.
_NEXT_NUMBER = re.compile(r"(?<=[.\]])\s++(\d{1,4})[.)]\s++(?=[A-Z])")


def _numbered_apart(lines: list[str]) -> list[str]:
    """Numbered entries printed on one line ("References: 1. Kessler RC, ... 2. Kuehner C, ...") put one a
    line: a line numbered n is cut where n + 1, n + 2, ... begin, in turn."""
    out: list[str] = []
    for line in lines:
        number = None if line.startswith(PLACEHOLDER) else _strip_marker(line)[1]
        if number is None:
            out.append(line)
            continue
        start = 0
        for found in _NEXT_NUMBER.finditer(line):
            if int(found.group(1)) == number + 1:
                out.append(line[start:found.start()])
                start, number = found.start(1), number + 1
        out.append(line[start:])
    return out


def split_entries(lines: list[str]) -> list[ListedEntry]:
    """Entries of a reference section, each once, in first-seen order."""
    joined: list[tuple[str, int | None]] = []
    numbered = False
    lines = _numbered_apart(lines)
    for line, number in zip(lines, _list_numbers(lines), strict=True):
        if line.startswith(PLACEHOLDER):
            if not numbered:  # a numbered list counts by its numbers
                joined.append((line, None))
            continue
        if number is None and numbered and joined:
            # A wrapped line of a numbered entry.
            joined[-1] = (joined[-1][0] + " " + line.strip(), joined[-1][1])
            continue
        numbered = numbered or number is not None
        joined.append((line, number))
    glued_from = _glued_length(joined)
    pieces: list[tuple[str, int | None]] = []
    for line, number in joined:
        if line.startswith(PLACEHOLDER):
            pieces.append((line, None))
            continue
        body = (_BACKLINK_AFTER_NUMBER.sub("", _strip_marker(line)[0], count=1) if number is not None
                else _BULLET.sub("", line, count=1))
        body = _BACK_ARROW_AT_END.sub("", strip_link_buttons(body))
        if number is not None:
            pieces.append((body.strip(), number))
        elif len(body) < glued_from and len(doi_mod.find(body)) < 2:
            # One entry per line: the line is the entry ('"Where Did Firefox Come From?". Inside Firefox.'
            # is not cut at its question mark), and a line too slight to parse still holds its place.
            pieces.append((body.strip() if _whole_line_entry(body) else PLACEHOLDER + body, None))
        else:
            pieces += [(piece, None) for piece in _split_glued(body)]
    repeated = _repeats([_dedupe_key(piece) for piece, _ in pieces])
    entries: list[ListedEntry] = []
    position = 0
    for (piece, number), repeat in zip(pieces, repeated, strict=True):
        if repeat:
            continue
        position += 1  # a placeholder takes its place in the count but is no entry
        if not piece.startswith(PLACEHOLDER):
            entries.append(ListedEntry(text=piece, position=position, number=number))
    return entries


def _glued_length(lines: list[tuple[str, int | None]]) -> float:
    """How long an unnumbered line must be to be taken for several entries glued together. A list printed
    one entry per line (five lines or more) has lines of like length, and only one several times the
    typical length, or one with two DOIs, is cut; a list of a few lines may be a glued list, and every line
    is cut."""
    lengths = sorted(len(line) for line, number in lines if number is None and not line.startswith(PLACEHOLDER))
    if len(lengths) < _LINE_LIST:
        return 0.0
    return _GLUED_TIMES * lengths[len(lengths) // 2]


def _repeats(keys: list[str]) -> list[bool]:
    """Which entries repeat earlier ones as part of the list printed again: a stretch of two or more
    entries in the same order as before. A lone repeat is a distinct citation ("King 2003, p. 41." cited
    twice) and is kept, so positions still count the entries as printed."""
    first_at: dict[str, int] = {}
    repeated = [False] * len(keys)
    for index, key in enumerate(keys):
        original = first_at.setdefault(key, index)
        if original == index:
            continue
        follows = index > 0 and original > 0 and repeated[index - 1] and keys[index - 1] == keys[original - 1]
        leads = index + 1 < len(keys) and keys[index + 1] == keys[original + 1]
        repeated[index] = follows or leads
    return repeated


def extract(text: str) -> list[ListedEntry]:
    """The reference entries of an article's text."""
    return locate(text).entries
