"""Parse one reference entry into fields: authors, year, title, container, numbers, identifiers.

Styles understood: AMA/Vancouver ("Dvir Y, Ford JD. Title. Journal. 2014;22(3):149-161."),
APA ("Dvir, Y., & Ford, J. D. (2014). Title. Journal, 22(3), 149–161."), Harvard
("Dvir, Y. and Ford, J.D. (2014) 'Title', Journal, 22(3), pp. 149-161."), each
possibly numbered, and web/organisation references ("Autism Speaks. Title.").
Every field records how it was obtained.
"""

from __future__ import annotations

import itertools
import re

from refs.ingest import imprint, names
from refs.ingest import segments as seg
from refs.model import FieldMethod, Person, RefEntry
from refs.text import doi as doi_mod
from refs.text.patterns import URL

METHOD_TEXT = FieldMethod.TEXT
METHOD_LINK = FieldMethod.LINK

_LABELS = re.compile(
    r"(?:\b(?:doi|DOI)\s*:?\s*|https?://(?:dx\.)?doi\.org/|\bAvailable (?:at|from)\s*:?\s*|"
    r"\[Internet\]|\bRetrieved from\s*|\bURL\s*:?)",
)
_ACCESSED = re.compile(
    r"\b(?:Accessed|Retrieved|Cited|Updated|Published|Last reviewed|Reviewed)\b[^.]*\.?", re.IGNORECASE
)
# A part in quotation marks is a title (Wikipedia's '"Title". Website.'), never an author.
_IN_QUOTES = re.compile(r"^(?:[\"“][^\"“”]{1,500}+[\"”]|‘[^‘’]{1,500}+’)$")
# A year alone after the authors (Chicago author-date: "Gregory, Derek. 1994. Title.").
_LEAD_YEAR = re.compile(r"^\(?((?:1[5-9]|20)\d{2})[a-z]?\)?[.,:]?\s++")
_VANCOUVER_ITEM = re.compile(
    rf"^(?P<family>{seg.FAMILY})\s+(?P<initials>{seg.INITIALS}\.?(?:\s+{seg.GENERATION}\.?)?)$")
_APA_ITEM = re.compile(rf"(?P<family>{seg.FAMILY}),\s*(?P<initials>{seg.APA_INITIALS})")
_ABBREVIATED_WORD = re.compile(r"^[A-Z][a-z]{0,5}+\.$")  # "J.", "Appl.", "Numer."
_QUOTE_MARK = re.compile(r"[“”\"]")
_WORDS = re.compile(r"\w++")
# A title in quotation marks ends at the mark that closes the one it opened with; a single closing
# mark followed by a letter is an apostrophe ("Verdi’s Operas").
# LaTeX's ``Title'' and French « Titre » are quotation marks too.
_QUOTED = re.compile(r"^(?:“(?P<a>[^”]{1,500}+)”|\"(?P<b>[^\"]{1,500}+)\"|‘(?P<c>(?:[^’]|’(?=\w)){1,500}+)’|"
                     r"``(?P<e>(?:[^']|'(?!')){1,500}+)''|«\s*+(?P<f>[^»]{1,500}+)»|"
                     r"'(?P<d>(?:[^']|'(?=\w)){1,500}+)')[,.]?\s*+(?P<rest>.*)$", re.DOTALL)
# A match starts at the comma or the first space before "et al" only, so whitespace runs are read once.
_ET_AL = re.compile(r"(?:,\s*+|(?<!\s)\s++)?\bet\s++al\b\.?", re.IGNORECASE)


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split()).strip(" .,;:")
    return value or None


def _quoted(text: str) -> tuple[str, str] | None:
    """A title in quotation marks at the start of ``text``, and what follows it."""
    found = _QUOTED.match(text)
    if found is None:
        return None
    return next(found.group(g) for g in "abcdef" if found.group(g) is not None), found.group("rest")


def _title(value: str) -> str | None:
    """A title keeps its closing ? or ! but not the period that ends the part."""
    value = " ".join(value.split()).strip(" ,;:")
    value = value.removesuffix(".")
    if _IN_QUOTES.match(value):
        value = value[1:-1].strip().removesuffix(",").removesuffix(".")  # '"Sleep in teens"': the quotes mark it
    return value or None


def parse_vancouver_authors(text: str) -> tuple[list[Person], bool]:
    """Authors of an AMA/Vancouver list ("Dvir Y, Ford JD, et al.")."""
    et_al = bool(_ET_AL.search(text))
    text = _ET_AL.sub("", text).strip(" .")
    authors: list[Person] = []
    for item in re.split(r",\s*|\s+and\s+", text):
        item = item.strip(" .")
        if not item:
            continue
        found = _VANCOUVER_ITEM.match(item)
        if found:
            authors.append(Person(family=found.group("family"), given=found.group("initials")))
        else:
            authors.append(Person(name=item))
    return authors, et_al


def parse_apa_authors(text: str, written_out: names.LeadingAuthors | None = None) -> tuple[list[Person], bool]:
    """Authors of an APA/Harvard list ("Dvir, Y., Ford, J. D., & Hill, M."), or an organisation;
    ``written_out``: the names read from the whole of ``text`` in another order ("Allen, James F."), if any."""
    et_al = bool(_ET_AL.search(text))
    text = _ET_AL.sub("", text).strip(" ,")
    items = list(_APA_ITEM.finditer(text))
    if not items:
        if written_out:
            return written_out.authors, et_al or written_out.et_al
        name = _clean(text)
        return ([Person(name=name)] if name else []), et_al
    authors = [
        Person(family=m.group("family"), given=" ".join(m.group("initials").split()).strip())
        for m in items
    ]
    return authors, et_al


def _identifiers(text: str, citation: RefEntry) -> str:
    """Take DOI, URL, PMID and PMCID out of ``text`` into ``citation``; return what is left."""
    dois = doi_mod.find(text)
    if dois:
        citation.doi = dois[0].doi
        citation.methods["doi"] = METHOD_TEXT
        for match in reversed(dois):
            text = text[: match.start] + text[match.end:]
    for pattern, name in ((seg.PMID, "pmid"), (seg.PMCID, "pmcid")):
        found = pattern.search(text)
        if found:
            setattr(citation, name, found.group(1))
            citation.methods[name] = METHOD_TEXT
            text = text[: found.start()] + text[found.end():]
    url = URL.search(text)
    if url:
        citation.url = url.group().rstrip(".,;)")
        citation.methods["url"] = METHOD_TEXT
        text = text[: url.start()] + text[url.end():]
    text = _LABELS.sub(" ", text)
    return " ".join(text.split())


def _set(citation: RefEntry, **values: str | int | None) -> None:
    for name, value in values.items():
        if value is None or value == "":
            continue
        setattr(citation, name, value)
        citation.methods[name] = METHOD_TEXT


def _container_numbers(citation: RefEntry, text: str) -> bool:
    """Read "Journal, 10(2), 1-7." (APA/Harvard); True when it matched."""
    found = seg.CONTAINER_NUMBERS.match(text.strip())
    if not found:
        cs1 = seg.CS1_NUMBERS.search(" " + text.strip())
        if not cs1 or cs1.start() == 0:
            return False
        _set(citation, container=_clean(" " + text.strip()[: cs1.start() - 1]), volume=cs1.group("volume"),
             issue=cs1.group("issue"), pages=_pages(cs1.group("pages")))
        return True
    _set(
        citation,
        container=_clean(found.group("container")),
        volume=found.group("volume"),
        issue=found.group("issue"),
        pages=_pages(found.group("pages")),
    )
    return True


def _pages(value: str | None) -> str | None:
    if not value:
        return None
    return re.sub(r"\s*[-–—‑]{1,2}\s*", "-", value.strip())  # "3790--3804" (LaTeX's en dash) too


def _parse_author_year(citation: RefEntry, body: str) -> bool:
    """APA and Harvard: authors, (year), title, container."""
    found = seg.author_year(body)
    if not found or len(found.authors) > 600 or _QUOTE_MARK.search(found.authors):
        return False  # a quoted title before the year: "Voyer, D. “Using Sarcasm.” Journal (2015)"
    head = found.authors.strip()
    lead = names.leading_authors(body)
    between = body[lead.end:len(head)] if lead else ""
    if len(_WORDS.findall(between)) >= 4 and between.lstrip()[:1] == ".":
        return False  # the names end well before the year: "E. Berlekamp. Title, Journal, ... (1970)"
    # "Smith AB, Jones CD (2005)": Vancouver names before an author-year date (PLOS, many journals).
    if seg.vancouver_names(head):
        authors, et_al = parse_vancouver_authors(head)
    else:  # names written out ("Witten, Ian H., David Bainbridge and David M. Nichols") cover the whole head
        authors, et_al = parse_apa_authors(head, lead if lead and not between.strip(" .,;") else None)
    citation.authors, citation.et_al = authors, et_al
    citation.methods["authors"] = METHOD_TEXT
    _set(citation, year=int(found.year) if found.year else None)
    rest = found.rest.strip().lstrip(",;: ")  # "Lickint, F. (1935), « Title »"
    quoted = _quoted(rest)
    if quoted:
        citation.style = "harvard"
        _set(citation, title=_title(quoted[0]))
        rest = quoted[1].strip(" ,.")
        if rest and not _container_numbers(citation, rest):
            _set(citation, container=_clean(rest))
        return True
    citation.style = "apa"
    parts = seg.split(rest)
    if not parts:
        return True
    _set(citation, title=_title(parts[0].text))
    remainder = " ".join(p.text for p in parts[1:])
    if remainder and not _container_numbers(citation, remainder):
        _set(citation, container=_clean(remainder))  # its numbers, if any, are read by _numbers_from_container
    return True


def _leading_authors(citation: RefEntry, body: str) -> str:
    """Authors in IEEE, ACS, Chicago/MLA or natural order at the head of ``body`` (see ``names``), and the
    year or quoted title right after them; returns the rest of ``body`` (all of it when there are none)."""
    first = seg.split(body)
    if not first:
        return body
    lead = names.leading_authors(body)
    # "Smith AB, Jones C." is Vancouver's, unless names run on past that part ("Eric J. Rossetter, ...").
    if lead is None or (seg.vancouver_names(first[0].text) and lead.end <= len(first[0].text.rstrip(". "))):
        return body
    citation.authors, citation.et_al = lead.authors, lead.et_al
    citation.methods["authors"] = METHOD_TEXT
    citation.style = lead.style
    rest = body[lead.end:].lstrip(" .,:;")
    year = _LEAD_YEAR.match(rest)
    if year:
        _set(citation, year=int(year.group(1)))
        rest = rest[year.end():]
    quoted = _quoted(rest)
    if quoted:
        _set(citation, title=_title(quoted[0]))
        rest = re.sub(r"^(?:[Ii]n:?\s++)", "", quoted[1].strip(" ,."))
    return rest


def _parse_segmented(citation: RefEntry, body: str) -> None:
    """AMA/Vancouver, IEEE, Chicago and web references: period-separated parts."""
    body = _leading_authors(citation, body)
    has_authors, has_title = bool(citation.authors), citation.title is not None
    parts = [p.text for p in seg.split(body) if not _ACCESSED.fullmatch(p.text.strip())]
    pub_index = None
    for index, part in enumerate(parts):
        if index == 0 and len(parts) > 1 and not has_title:
            continue
        found = seg.PUBINFO.search(part)
        if found and (found.group("volume") or found.group("pages") or found.start() > 0 or index > 0):
            pub_index = index
            break
    if pub_index is not None:
        # "Appl. Numer. Math., 1 273, 1985": a journal's abbreviated words are cut at their periods into
        # parts of their own; they belong to the container, not the title (which keeps at least a part).
        floor = 0 if has_title else 1 if has_authors else 2
        while pub_index > floor and _ABBREVIATED_WORD.match(parts[pub_index - 1]):
            pub_index -= 1
    head = parts if pub_index is None else parts[:pub_index]
    if has_authors:
        pass
    elif head and seg.vancouver_names(head[0]):
        authors, et_al = parse_vancouver_authors(head[0])
        citation.authors, citation.et_al = authors, et_al
        citation.methods["authors"] = METHOD_TEXT
        head = head[1:]
        citation.style = "vancouver"
    elif len(head) >= 2 and not _IN_QUOTES.match(head[0].strip().rstrip(".,")):
        name = _clean(head[0])
        citation.authors = [Person(name=name)] if name else []
        citation.methods["authors"] = METHOD_TEXT
        head = head[1:]
    if pub_index is None:
        citation.style = "web" if not citation.authors or citation.authors[0].name else citation.style
        if head and has_title:
            _set(citation, container=_clean(" ".join(head)))
        elif head:
            _set(citation, title=_title(head[0]))
            if len(head) > 1:
                _set(citation, container=_clean(" ".join(head[1:])))
        # An access date ("Retrieved 2019-05-02.", its own part, dropped above) is not when it was published.
        year = seg.YEAR.search(" ".join(parts))
        if year and citation.year is None:  # not over a year read right after the authors
            _set(citation, year=int(year.group(1)))
        return
    if head and not has_title:
        _set(citation, title=_title(" ".join(head)))
    pub_text = " ".join(parts[pub_index:] if not has_title else parts)
    found = seg.PUBINFO.search(pub_text)
    if found is None:
        # The year ended its own part ("Workshops, 2003. Proceedings. 2003:877-882."): read that part alone.
        pub_text = parts[pub_index]
        found = seg.PUBINFO.search(pub_text)
    if found is None:
        return
    container = _clean(pub_text[: found.start()])
    _set(
        citation,
        container=container,
        # A year right after the authors ("Nelmes, E. 1952.") is the date; a later one may be a volume.
        year=citation.year or int(found.group("year")),
        volume=found.group("volume"),
        issue=found.group("issue"),
        pages=_pages(found.group("pages")),
    )
    if citation.style == "unknown":
        citation.style = "vancouver"


_IN_BOOK = re.compile(r"^[Ii]n:?\s++(?=\S++\s++\S++\s++\S)")  # "In Proceedings of ...", not the journal "In Vivo"
# The editors before the book's title: "D. J. Cain & J. Seeman (eds.).", "Fehér (Hg.),".
_EDITORS_FIRST = re.compile(r"^[^()]{1,200}+\((?:[Ee]ds?|[Ee]ditors?|[Ee]d|Hrsg|Hg|dir|coord)\.?\)[.,:]?\s*+")
# The editors after it: ", edited by ...", ". Ed. Anja Müller", ", ed. by ...".
_EDITED_BY = re.compile(r"(?:,\s*+|\.\s++)(?:[Ee]dited|[Tt]ranslated|[Ee]d\.|[Ee]ds\.|[Tt]rans\.)(?:\s++by)?\s++\S")
_EDITORS_WORD = re.compile(r",?\s*+(?:\([Ee]ds?\.?\)|[Ee]ds?(?:\.|$)|[Ee]ditors?\b)")
_COMMA = re.compile(r",\s++")
# What a work appeared in, run on after its title ("Scale-space filtering. In Proc. Intl. Joint Conf"): not
# part of the title.
_IN_WITHIN = re.compile(r"\.\s++In:?\s++(?=[A-Z])")


def _book_container(citation: RefEntry) -> None:
    """A chapter's container is the book's title: "In D. J. Cain & J. Seeman (eds.). Humanistic Therapies",
    "In Handbook of Combinatorics, R. Graham and L. Lovasz, Eds." and "Childhood in the English Renaissance.
    Ed. Anja Müller" are "Humanistic Therapies", "Handbook of Combinatorics" and "Childhood in the English
    Renaissance"; the editors are not part of it."""
    container = citation.container
    if not container:
        return
    book = container
    edited = _EDITED_BY.search(book)  # "Childhood in the English Renaissance. Ed. Anja Müller"
    if edited:
        book = book[:edited.start()]
    found = _IN_BOOK.match(book)
    if found:
        book = book[found.end():]
        editors = _EDITORS_FIRST.match(book)
        if editors and editors.end() < len(book):
            book = book[editors.end():]
        for comma in itertools.islice(_COMMA.finditer(book), 10):  # "Book, R. Graham, and L. Lovasz, Eds."
            lead = names.leading_authors(book[comma.end():])
            word = _EDITORS_WORD.match(book, comma.end() + lead.end) if lead else None
            if word:
                book = book[:comma.start()] + book[word.end():]
                break
    citation.container = _clean(book) or container


def _title_without_editors(citation: RefEntry) -> None:
    """A book's editors or translators after its title ("Robinson Crusoe. Edited by Angus Ross"), and what
    a work appeared in run on after it ("Title. In Proc. ..."), are not part of the title."""
    title = citation.title
    edited = _EDITED_BY.search(title) if title else None
    if title and edited and edited.start() > 0:
        citation.title = _title(title[:edited.start()]) or title
    title = citation.title
    within = _IN_WITHIN.search(title) if title else None
    if title and within and within.start() > 0:
        citation.title = _title(title[:within.start()]) or title


def _imprint(citation: RefEntry) -> None:
    """Move a book's or thesis's imprint out of the container ("New York: Academic Press" is who published
    it, not where it appeared); what precedes it is the title when none was found, else the container."""
    container = citation.container
    if not container or citation.volume or citation.issue:
        return
    found = imprint.find(container)
    if found is None:
        return
    _set(citation, publisher=found.publisher, place=found.place)
    if citation.year is None:
        _set(citation, year=found.year)
    rest = _clean(container[:found.start])
    citation.container = None
    citation.methods.pop("container", None)
    if rest and citation.title is None:
        _set(citation, title=_title(rest))
    elif rest:
        _set(citation, container=rest)
    if found.genre is None and not citation.pages:
        citation.kind = "book"


def _kind(citation: RefEntry) -> str:
    if citation.kind == "book":
        return "book"
    if citation.container and (citation.volume or citation.pages or citation.issue):
        return "article"
    if citation.doi:
        return "article" if citation.container else "other"
    if citation.style == "web" or citation.url or (citation.authors and citation.authors[0].name):
        return "web"
    return "other"


_NUMBER = r"[A-Za-z]?\d{1,6}+(?!\d)[A-Za-z]?"
# One token of a container's numbers ("Vol. 8, no. 2, pp. 129-139, March 1986", "137(3):322–331", "12, 587–595").
_NUMBERS_TOKEN = (rf"(?:(?P<label>[Vv]ol(?:ume)?\.?|v\.|[Nn]os?\.|[Nn]o\b|n°|[Ii]ssue|pp?\.|pages?)|"
                  rf"(?P<range>{_NUMBER}\s*+[-–—‑]{{1,2}}+\s*+{_NUMBER})|(?P<number>{_NUMBER})|(?P<month>{seg.MONTH})|"
                  r"[(),:;./\s]++)")
_DAY_BEFORE_MONTH = re.compile(rf"\s*+{seg.MONTH}")
_MONTH_AT_END = re.compile(rf"\b{seg.MONTH}$")
# (Without named groups: a repeated possessive group that captures trips up the re module.)
_NUMBERS_TAIL = re.compile(rf"(?:{re.sub(r'[(][?]P<[a-z]+>', '(?:', _NUMBERS_TOKEN)})++")
_TOKENS = re.compile(_NUMBERS_TOKEN)
# Where a container's numbers may begin: after a comma or a space, at a label or a digit.
_NUMBERS_START = re.compile(r"(?:,\s*+|\s++)(?=(?:[Vv]ol(?:ume)?\.?|v\.|[Nn]os?\.|[Nn]o\b|n°|pp?\.|pages?)?\s*+\d)")


def _numbers_from_container(citation: RefEntry) -> None:
    """A container that still holds its numbers ("Journal of Child Language 12, 587–595", "IEEE Trans. Patt.
    Anal. Mach. Intell., Vol. 8, pp. 129-139, March") is cut where only numbers, labels, months and
    punctuation remain; volume, issue and pages are read from them."""
    container = citation.container
    if not container or citation.volume or citation.pages or "://" in container or "www." in container:
        return
    # A numbers tail is short: looking only at the container's end keeps this linear in its length.
    for start in _NUMBERS_START.finditer(container, max(0, len(container) - 120)):
        tail = container[start.start():]
        if not _NUMBERS_TAIL.fullmatch(tail):
            continue
        volume = issue = pages = None
        label = None
        after_month = bool(_MONTH_AT_END.search(container, 0, start.start()))
        for token in _TOKENS.finditer(tail):
            if token.group("month"):
                after_month = True
                continue
            if token.group("number") and (after_month or _DAY_BEFORE_MONTH.match(tail, token.end())):
                after_month = False
                continue  # a day of a date ("March 25", "3 Mar."), not a number of the container
            if token.group().strip():
                after_month = False
            if token.group("label"):
                label = token.group("label").lower()
            elif token.group("range"):
                pages = pages or token.group("range")
                label = None
            elif token.group("number"):
                number = token.group("number")
                if label and label.startswith(("p", "page")):
                    pages = pages or number
                elif label and label.startswith(("n", "i")):
                    issue = issue or number
                elif citation.year and number == str(citation.year):
                    pass  # the year again
                elif volume is None:
                    volume = number
                elif issue is None and tail[token.start() - 1:token.start()] == "(":
                    issue = number
                elif pages is None and tail[:token.start()].rstrip().endswith(":"):
                    pages = number
                label = None
        if volume is None and pages is None:
            return
        head = container[:start.start()].strip(" ,.;:")
        if not head:
            return
        citation.container = head
        _set(citation, volume=volume, issue=issue, pages=_pages(pages))
        return


# A date's month or season after a comma, or after a word's period, at a container's end, in English, French,
# German or Spanish ("IEEE Data Engineering Bulletin, September", "Sciences Humaines, février", "Chronicle,
# April 2", "Man Ther. May"; not "J. Mar", where the period is an initial's).
_OTHER_MONTHS = ("janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre|"
                 "Januar|Februar|M[äa]rz|Juni|Juli|Oktober|Dezember|"
                 "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre")
_DATE_AT_END = re.compile(rf"(?:,|(?<=\w\w\.))\s*+(?:\d{{1,2}}\.?\s++)?"
                          rf"(?:{seg.MONTH}|Spring|Summer|Autumn|Fall|Winter|(?i:{_OTHER_MONTHS}))(?:\s++\d{{1,2}})?\.?$")
# How and when the work was reached, after a period or comma: "Retrieved January 22, 2010, from LexisNexis",
# "Available at: ...", "Accessed 3 May 2019", or in brackets at the end ("[accessed 5 Jan 2016]").
_ACCESS = re.compile(r"[.,]\s++(?:Retrieved|Accessed|Available\s++(?:at|from|online|on)\b)")
_NOTE_AT_END = re.compile(r"\s*+\[(?i:accessed|cited|retrieved|consulted|viewed)\b[^\[\]]*+\]$")


def _access_from_container(citation: RefEntry) -> None:
    """Cut how the work was reached from the container: it says where it was found, not where it appeared."""
    container = citation.container
    if not container:
        return
    found = _ACCESS.search(container)
    if found and found.start() > 0:
        container = container[:found.start()]
    found = _NOTE_AT_END.search(container, max(0, len(container) - 80))  # a note is short: only the end
    if found and found.start() > 0:
        container = container[:found.start()]
    if container == citation.container:
        return
    # The note may have hidden the container's numbers from the reader that looked before ("Journal, 19, 211").
    if citation.volume or citation.pages or not _container_numbers(citation, container):
        citation.container = _clean(container) or citation.container


def _date_from_container(citation: RefEntry) -> None:
    """Cut a date's month from the container's end: it is when, not where."""
    container = citation.container
    found = _DATE_AT_END.search(container, max(0, len(container) - 40)) if container else None
    if container and found and found.start() > 0:
        citation.container = _clean(container[:found.start()]) or container


def parse(text: str, link_doi: str | None = None) -> RefEntry:
    """Parse one reference entry. ``link_doi`` is a DOI from a hyperlink on the entry."""
    citation = RefEntry(raw=text, style="unknown", kind="")
    # A list number: [3], (3) (not a year: "(2009) Journal of ..."), 3. or 3)
    body = re.sub(r"^\s*(?:\[\d{1,6}\]|\((?!(?:1[5-9]|20)\d\d\))\d{1,6}\)|\d{1,6}[.)])\s*", "", text)
    body = _identifiers(body, citation)
    if citation.doi is None and link_doi:
        citation.doi = link_doi
        citation.methods["doi"] = METHOD_LINK
    if not _parse_author_year(citation, body):
        _parse_segmented(citation, body)
    _access_from_container(citation)
    _numbers_from_container(citation)
    _date_from_container(citation)
    _numbers_from_container(citation)  # numbers that the date hid ("Journal, 3(2) 14-29, Winter"), if none yet
    _imprint(citation)
    _title_without_editors(citation)
    _book_container(citation)  # after the imprint, which may follow the editors ("Ed. A. Müller. Trier: WVT")
    citation.kind = _kind(citation)
    return citation
