"""Parse one reference entry into fields: authors, year, title, container, numbers, publisher, identifiers.

Identifiers (DOI, PMID, PMCID, URL) are read by pattern first. The rest is cut into parts by the reference
tagger (``tagger``: a CRF trained on hand-labelled references in many styles and languages), and each
part is read by rules: names in the orders styles print them (``names``), the year, a title without its
quotation marks, a container's volume, issue and pages, a book's publisher and place. Rules also mend
what the tagger leaves: a quoted part is a title and never an author, a periodical is never an imprint, a
title and its container run together are split, an access date is never the year. Every field records how
it was obtained.
"""

from __future__ import annotations

import itertools
import re

from refs.ingest import imprint, names, tagger
from refs.ingest import segments as seg
from refs.model import FieldMethod, Person, RefEntry
from refs.text import authoryear
from refs.text import doi as doi_mod
from refs.text.patterns import URL, locator_end

METHOD_TEXT = FieldMethod.TEXT
METHOD_LINK = FieldMethod.LINK

_LABELS = re.compile(
    r"(?:\b(?:doi|DOI)\s*:?\s*|https?://(?:dx\.)?doi\.org/|\bAvailable (?:at|from)\s*:?\s*|"
    r"\[Internet\]|\bRetrieved from\s*|\bURL\s*:?)",
)
# A part in quotation marks is a title (Wikipedia's '"Title". Website.'), never an author.
_IN_QUOTES = re.compile(r"^(?:[\"“][^\"“”]{1,500}+[\"”]|‘[^‘’]{1,500}+’)$")
_VANCOUVER_ITEM = re.compile(
    rf"^(?P<family>{seg.FAMILY})\s+(?P<initials>{seg.INITIALS}\.?(?:\s+{seg.GENERATION}\.?)?)$")
_APA_ITEM = re.compile(rf"(?P<family>{seg.FAMILY}),\s*(?P<initials>{seg.APA_INITIALS})")
_QUOTE_MARKS = frozenset("\"“”'‘«`")
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


# A list number: [3], (3) (not a year: "(2009) Journal of ..."), 3. or 3); or a citation key as a
# documentation site labels an entry with it ("[Kroenke2001] Kroenke K, ...").
_LIST_LABEL = re.compile(
    rf"^\s*(?:\[\d{{1,6}}\]|\((?!(?:1[5-9]|20)\d\d\))\d{{1,6}}\)|\d{{1,6}}[.)]|{authoryear.KEY})\s*")
_QUOTE_OPENS = re.compile(r"(?:^|(?<=[\s(\[]))['‘\"“]")


def _title(value: str) -> str | None:
    """A title keeps its closing ? or ! but not the period that ends the part, nor the quotation marks that
    mark it ('"Sleep in teens".', "'Charges ride the spin wave',", « Titre », ``Title,'')."""
    value = " ".join(value.split()).strip(" ,;:")
    quoted = _quoted(value)
    if quoted and not quoted[1].strip(" ,.;:"):
        value = quoted[0].strip(" ,;:")
    value = value.removesuffix(".")
    if _IN_QUOTES.match(value):
        value = value[1:-1].strip().removesuffix(",").removesuffix(".")
    if value.endswith(("'", "’", '"', "”")) and not _QUOTE_OPENS.search(value, 0, len(value) - 1):
        # The closing mark of a quoted title whose opening mark went with the part before ("(1965) 'A
        # self-rating depression scale',"): an apostrophe inside a word ("Zung's") opens nothing.
        value = value[:-1].rstrip(" ,.")
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
        citation.url = locator_end(url.group())
        citation.methods["url"] = METHOD_TEXT
        # The punctuation after the URL stays where the URL was: in '"Title" https://x.org/a. Site.' it is
        # the period between the title and the site.
        text = text[: url.start()].rstrip() + text[url.start() + len(citation.url):]
    text = _LABELS.sub(" ", text)
    return " ".join(text.split())


def _set(citation: RefEntry, **values: str | int | None) -> None:
    for name, value in values.items():
        if value is None or value == "":
            continue
        setattr(citation, name, value)
        citation.methods[name] = METHOD_TEXT


def _pages(value: str | None) -> str | None:
    if not value:
        return None
    return re.sub(r"\s*[-–—‑]{1,2}\s*", "-", value.strip())  # "3790--3804" (LaTeX's en dash) too


# The parts of a reference the tagger may label, by what refs keeps of them.
_CONTAINERS = ("journal", "container-title")
_YEAR = re.compile(r"(?<!\d)((?:1[5-9]|20)\d\d)(?!\d)")
_IN_PREFIX = re.compile(r"^[Ii]n:?\s++(?=\S)")
_EDITORS_MARK = re.compile(
    r"(?:[,.]?\s*+\((?:[Ee]ds?|[Ee]ditors?|Hrsg|Hg|dir|coord)\.?\)|,?\s++(?:[Ee]ds?\.|[Ee]ditors))\.?$")
_INITIAL = re.compile(r"(?:[A-Z](?:[a-z]?\.|\.?)-?){1,4}+")  # "A", "A.", "AB", "A.B.", "J.-C.", "Th."
# Between names: ";", "&", "and" (in several languages), a comma, or a period before a family name in
# capitals (French: "ROUSSILLON, René. CHABERT, Catherine").
_SEPARATORS = re.compile(r"\s*+;\s*+|\s*+&\s*+|\s++(?:and|und|et|y|e)\s++|,\s*+|\.\s++(?=[A-ZÀ-Þ]{2,}+\b)")
_ORGANISATION = re.compile(
    r"\b(?:of|the|for|on|and|Department|Organi[sz]ation|Institute|Institut|University|Universit[äé]|"
    r"Association|Society|Ministry|Agency|Council|Cent(?:re|er)|Foundation|Consortium|Group|Committee|Office|"
    r"Service|Bureau|Commission|Board|Corporation|Company|Inc|Ltd|Project|Network|Programme|Program|"
    r"Authority|Administration|Federation|Alliance|Academy|College|Hospital|Clinic|Government|Team|Panel)\b")
_CAPITALISED = re.compile(rf"(?:(?:{seg.PARTICLE_WORDS})\s++)*+[A-ZÀ-ÖØ-Þ][\w'’-]*+\.?")


def _organisation(text: str) -> bool:
    """A name that is an organisation's: capitalised words joined by "of", "the", "for", "and", one of them
    a word such bodies are named by ("National Institute of Mental Health", "Mayo Clinic")."""
    words = text.split()
    return 2 <= len(words) <= 12 and words[0][:1].isupper() and all(
        word[:1].isupper() or word in ("of", "the", "for", "and", "on", "&") for word in words) and any(
        word[:1].isupper() and _ORGANISATION.fullmatch(word) is not None for word in words)


def _given(words: list[str]) -> bool:
    """Given names or initials ("René", "Pierre-Marc de", "J. D.", "AB")."""
    return 0 < len(words) <= 4 and all(_INITIAL.fullmatch(w) or _CAPITALISED.fullmatch(w) or w in ("de", "van", "von")
                                       for w in words)


def _family(words: list[str]) -> bool:
    """A family name alone ("Smith", "van der Zee", "MOLONEY", "Martin- Facklam")."""
    return 0 < len(words) <= 4 and not any(_INITIAL.fullmatch(w) for w in words) and \
        _CAPITALISED.fullmatch(words[-1]) is not None


def _loose_authors(text: str) -> tuple[list[Person], str]:
    """Names from a part already known to be the authors, in whatever order they are written: inverted
    ("MOLONEY, A", "ROUSSILLON, René"), family first with initials ("Harrison R.M."), or natural order
    ("R. H. Bube", "Joseph A. Schumpeter"); an organisation ("World Health Organization") is one name."""
    pieces = [p.strip(" .") for p in _SEPARATORS.split(text)]
    pieces = [p for p in pieces if p]
    first = pieces[0].split() if pieces else []
    if not first:
        return [], "unknown"
    if (len(pieces) == 1 and not any(_INITIAL.fullmatch(w) for w in first)) or _ORGANISATION.search(pieces[0]):
        return [Person(name=_clean(text))], "organisation"
    people: list[Person] = []
    index = 0
    while index < len(pieces) and len(people) < 500:
        words = pieces[index].split()
        following = pieces[index + 1].split() if index + 1 < len(pieces) else []
        if _family(words) and _given(following):
            people.append(Person(family=" ".join(words), given=" ".join(following)))
            index += 2
            continue
        if len(words) >= 2 and not _INITIAL.fullmatch(words[0]) and all(_INITIAL.fullmatch(w) for w in words[1:]):
            people.append(Person(family=words[0], given=" ".join(words[1:])))
        elif len(words) >= 2:
            people.append(Person(family=words[-1], given=" ".join(words[:-1])))
        elif not people:
            people.append(Person(family=words[0]))
        index += 1
    return people, "names"


def _authors(text: str) -> tuple[list[Person], bool, str]:
    """The people (or organisation) of an author part, whether it ends "et al.", and its style."""
    et_al = bool(_ET_AL.search(text))
    text = _EDITORS_MARK.sub("", _ET_AL.sub("", text).strip(" ,;:")).strip(" ,;:")
    if not text:
        return [], et_al, "unknown"
    if seg.vancouver_names(text):
        people, _ = parse_vancouver_authors(text)
        return people, et_al, "vancouver"
    ended = text if text[-1] in ".:" else text + "."
    lead = names.leading_authors(ended)
    if lead and lead.end >= len(ended) - 1:
        return lead.authors, et_al or lead.et_al, lead.style
    items = list(_APA_ITEM.finditer(text))
    if items and items[0].start() == 0 and len(text) - items[-1].end() <= 3:
        people, _ = parse_apa_authors(text)
        return people, et_al, "apa"
    people, style = _loose_authors(text)
    return people, et_al, style


_NUMBER_IN = re.compile(r"[A-Za-z]?\d{1,8}+(?!\d)[A-Za-z]?")
_ISSUE_IN = re.compile(r"\((?P<a>[^()]{1,20}+)\)|\b(?:[Nn]os?|n°|[Ii]ssue|[Hh]eft)\.?\s*+(?P<b>\w{1,10}+)")
_RANGE_IN = re.compile(r"[A-Za-z]?\d{1,8}+[A-Za-z]?\s*+[-–—‑]{1,2}+\s*+[A-Za-z]?\d{1,8}+[A-Za-z]?")


def _numbers(citation: RefEntry, volume: str | None, pages: str | None) -> None:
    """Volume, issue and pages from the parts labelled so. A volume part is read as a container's numbers
    ("22(3):149-161", "Vol. 8, no. 2", "Page 21"), else for its first number and an issue; a pages part
    gives the pages ("pp. 22–24", "e33693")."""
    read = _read_numbers(" " + volume.strip(" .,;"), citation.year) if volume else None
    if read is not None:
        _set(citation, volume=read[0], issue=read[1], pages=None if pages else _pages(read[2]))
    elif volume:
        number = _NUMBER_IN.search(volume)
        issue = _ISSUE_IN.search(volume, number.end() if number else 0)
        _set(citation, volume=number.group() if number else None,
             issue=(issue.group("a") or issue.group("b")) if issue else None)
    if pages:
        found = _RANGE_IN.search(pages) or _NUMBER_IN.search(pages)
        _set(citation, pages=_pages(found.group()) if found else None)


_LETTER = re.compile(r"[^\W\d_]")
_INITIAL_END = re.compile(r"\b[A-Z]\.$")
_TITLE_START = re.compile(r"\s++[A-ZÀ-Þ\d\"“‘«]")  # a word after a space, not another name's comma
_REACHED = re.compile(r"\W*+(?:Accessed|Retrieved|Cited|Viewed|Consulted|Last accessed)\b", re.IGNORECASE)
# A period that lost the space after it, before a capitalised word or a year ("C.Psychological",
# "Psychiatry.Attachment", "Psychology.2019"); an initial's period before another initial stays ("C.W.V.").
_GLUED_PERIOD = re.compile(r"(?<=\w)\.(?=[A-ZÀ-Þ][a-zß-ÿ])|(?<=[A-Za-z])\.(?=(?:1[5-9]|20)\d\d\b)")
_DAY = re.compile(r"\d{1,2}")
_VOLUME_BEFORE_PAGES = re.compile(r"\s*+[A-Za-z]?\d{1,6}+\s*+:\s*+")
# A journal's volume and pages or article number at a part's end: "PLOS ONE 3:e1529", "Nature 483:531–3".
_JOURNAL_NUMBERS = re.compile(r"[A-Za-z]\s++\d{1,6}+\s*+(?:\([^()]{1,12}+\)\s*+)?:\s*+[A-Za-z]?\d{1,8}+[^:]{0,12}+$")
# When a page was reached, which is not a field refs keeps: "Retrieved 26 October 2017.", "Accessed March 3,
# 2019", "Archived from the original (PDF) on 3 May 2011.", "[accessed 9 Feb 2015]".
_REACHED_DATE = rf"(?:\d{{1,2}}\s++)?(?:{seg.MONTH}\s++)?(?:\d{{1,2}},?\s++)?(?:1[5-9]|20)\d\d(?:-\d\d-\d\d)?"
_REACHED_NOTE = re.compile(
    rf"\[?\b(?:(?:[Ll]ast\s++)?(?:[Rr]etrieved|[Aa]ccessed|[Vv]iewed|[Cc]onsulted)(?:\s++on)?|"
    rf"Archived\s++from\s++the\s++original(?:\s++\(\w{{1,10}}+\))?\s++on)\s*+:?\s*+{_REACHED_DATE}\]?\.?")
_QUOTE_OPENING = re.compile(r"[\"“‘«]|``")
# A sentence's end inside a part: a period after a word (not an initial's) and a capital.
_PART_END = re.compile(r"(?<=[a-z\d)?!]{2})[.?!]\s++(?=[A-ZÀ-Þ\d])")


def _names_end(text: str) -> int | None:
    """Where a whole list of names ends inside an author part that goes on with other words after a period,
    if it does ("Hogue, Christopher. Title words": after "Christopher."). A list ending in an initial is not
    cut: "Smith L. Sleep, again" reads as "Joseph A. Schumpeter, Capitalism", a name in natural order."""
    lead = names.leading_authors(text)
    rest = text[lead.end:] if lead else ""
    names_part = text[:lead.end].rstrip() if lead else ""
    if lead and names_part.endswith(".") and not _INITIAL_END.search(names_part) and _TITLE_START.match(rest) \
            and names.leading_authors(rest.lstrip()) is None and not _APA_ITEM.match(rest.lstrip()):
        return lead.end
    return None


def _first_parts(body: str) -> tuple[dict[str, str], list[str]]:
    """The text of the first part with each label, and the labels in order."""
    first: dict[str, str] = {}
    order: list[str] = []
    labelled = tagger.label(body)
    for index, span in enumerate(labelled):
        name = span.label
        # A list number is digits ("[3]", "12."); words taken for one ("van der Zee M") are the next part's.
        if name == "citation-number" and _LETTER.search(body, span.start, span.end) and index + 1 < len(labelled):
            following = labelled[index + 1]
            labelled[index + 1] = tagger.Span(following.label, span.start, following.end)
            continue
        text = body[span.start:span.end]
        # A day before a month ("New Zealand Herald. 26 October 2017.") is no volume.
        if name == "volume" and _DAY.fullmatch(text.strip(" .,")) and _DAY_BEFORE_MONTH.match(body, span.end):
            continue
        # A number before the pages where a date was read already ("(2011) ... Acta 1811: 234–241") is the volume.
        if name == "date" and "date" in first and "volume" not in first and _VOLUME_BEFORE_PAGES.fullmatch(text):
            name = "volume"
        if name not in first:
            first[name] = text
            order.append(name)
    # A work has a title: an organisation's page with no date ("National Institute of Mental Health. (n.d.).
    # Depression.") whose only other part was taken for a publisher has that part as its title.
    if "title" not in first and "author" in first and "location" not in first and \
            set(first) - {"author", "date"} == {"publisher"}:
        first["title"] = first.pop("publisher")
        order[order.index("publisher")] = "title"
    # An organisation's page with its name and title taken for one part ("National Institute of Mental Health.
    # Major Depression." as the title, or as a publisher when nothing else was found): the organisation is
    # its author.
    whole = "title" if "title" in first else "publisher" if set(first) == {"publisher"} else None
    if "author" not in first and whole is not None:
        name, _, rest = first[whole].partition(". ")
        if rest.strip(" .") and _organisation(name):
            first["author"], first["title"] = name + ".", rest
            if whole == "publisher":
                del first["publisher"]
                order[order.index("publisher")] = "title"
            order.insert(order.index("title"), "author")
    # Names and then words after a period: the words begin the title, which goes on in the part after them
    # if that was taken for the title.
    author = first.get("author", "")
    names_end = _names_end(author)
    if names_end and "title" not in first:
        first["author"], first["title"] = author[:names_end], author[names_end:]
        order.insert(order.index("author") + 1, "title")
    elif names_end and order.index("title") == order.index("author") + 1:
        first["author"], first["title"] = author[:names_end], f"{author[names_end:]} {first['title']}"
    # A part in quotation marks is a title, never an author ('Wood, Geoffrey E. "Ruth." Jerome Biblical
    # Commentary'): what was taken for the title is then where it appeared.
    author = first.get("author", "")
    quote = _QUOTE_OPENING.search(author)
    if quote and quote.start() > 0:
        first["author"] = author[:quote.start()]
        if "title" in first and not any(name in first for name in _CONTAINERS):
            first["container-title"] = first["title"]
        first["title"] = author[quote.start():]
    # Where a journal article appeared, with its numbers, taken for a note ("PLOS ONE 3:e1529.").
    for name in ("note", "genre"):
        if name in first and not any(n in first for n in (*_CONTAINERS, "volume", "pages")) and \
                _JOURNAL_NUMBERS.search(first[name]):
            first["journal"] = first.pop(name)
            break
    # A periodical is never a book's imprint ("Nature Reviews: Cancer").
    imprint_text = " ".join(first[name] for name in ("location", "publisher") if name in first)
    if imprint_text and not any(name in first for name in _CONTAINERS) and imprint.names_a_serial(imprint_text):
        first["journal"] = imprint_text
        first.pop("location", None)
        first.pop("publisher", None)
    return first, order


def _title_and_container(title: str | None, container: str | None, numbered: bool) -> tuple[str | None, str | None]:
    """A part that holds both a title and where it appeared, split at its last sentence end: a container
    with no title before it ("Diversity in Dopamine Neurons. J Neurosci 33"), or a title with numbers after
    it but no container ("Pages that move. Networked Reading: Essays on the Web, 3(2) 14-29")."""
    if title is None and container:
        ends = list(_PART_END.finditer(container))
        if ends:
            return container[:ends[-1].start()], container[ends[-1].end():]
    if container is None and title and numbered:
        ends = list(_PART_END.finditer(title))
        if ends:
            return title[:ends[-1].start()], title[ends[-1].end():]
    return title, container


# A quoted title and what follows it in the same part ('"The Judiciary". Ministry of Justice',
# '"Sleep and memory," Nature Reviews', '"Nine Provinces" (PDF). Friends of ...'): the closing quote, with
# a period or comma on either side (after a file format, if any), then a capitalised word, ends the title.
_QUOTED_THEN_MORE = re.compile(
    r'^\s*+["“«‘](?P<quoted>[^"“”«»‘’]{2,})(?:[.,]["”»’]|["”»’](?:\s*+\((?:PDF|pdf|DOC|PPT|XLS)\))?+[.,])\s++'
    r'(?P<rest>[A-ZÀ-Þ].*+)$')


def _quoted_title(title: str | None, container: str | None) -> tuple[str | None, str | None, str | None]:
    """A title part that runs on past its quoted title: the title, and the rest as the container (when
    none was found) and, after the rest's first sentence, the publisher. Returns (title, container,
    publisher); the publisher is None where the part held none."""
    found = _QUOTED_THEN_MORE.match(title) if title else None
    if found is None or container is not None:
        return title, container, None
    rest = found.group("rest")
    end = _PART_END.search(rest)
    if end is None:
        return found.group("quoted"), rest, None
    return found.group("quoted"), rest[:end.start()], rest[end.end():] or None


def _fields(citation: RefEntry, body: str) -> None:
    """Every field from the tagger's labels: the first part of each label is the one kept."""
    first, order = _first_parts(body)
    if "author" in first:
        citation.authors, citation.et_al, author_style = _authors(first["author"])
        citation.methods["authors"] = METHOD_TEXT
    else:
        author_style = "unknown"
    for part in ("date", "note", "publisher", "location", *_CONTAINERS, "volume"):
        # When it was reached ("Retrieved 2019-05-02") is not when it was published.
        year = None if _REACHED.match(first.get(part, "")) else _YEAR.search(first.get(part, ""))
        if year:
            _set(citation, year=int(year.group(1)))
            break
    container = next((first[name] for name in _CONTAINERS if name in first), None)
    if container is not None and "journal" not in first:
        container = _IN_PREFIX.sub("", container.strip())
    title, container = _title_and_container(first.get("title"), container, "volume" in first or "pages" in first)
    title, container, owner = _quoted_title(title, container)
    _set(citation, title=_title(title) if title else None, container=_clean(container))
    _numbers(citation, first.get("volume"), first.get("pages"))
    _set(citation, publisher=_clean(first.get("publisher") or owner), place=_clean(first.get("location")))
    _imprint_after_title(citation)
    # A book has its publisher and a place or a person who wrote it; a site's owner alone is a web page's.
    if citation.publisher and not citation.container and not citation.pages and "genre" not in first and \
            (citation.place or any(person.family for person in citation.authors)):
        citation.kind = "book"
    citation.style = _style(citation, order, first, author_style)


def _imprint_after_title(citation: RefEntry) -> None:
    """A book's imprint run on after its title ("Marc Andreessen and Jim Clark: The Founders of Netscape.
    Rosen Publishing Group") is its publisher (and place), when nothing else was read as either."""
    if not citation.title or citation.publisher or citation.container:
        return
    found = imprint.find(citation.title)
    title = citation.title[:found.start].rstrip(" .,;:") if found else ""
    if found is None or not title:
        return
    citation.title = title
    _set(citation, publisher=found.publisher, place=None if citation.place else found.place)


def _style(citation: RefEntry, order: list[str], first: dict[str, str], author_style: str) -> str:
    """The style the entry is written in, as far as its parts show it."""
    if order[:2] == ["author", "date"] and first["date"].lstrip().startswith("("):
        # Harvard quotes the title after the authors and year; APA does not.
        return "harvard" if first.get("title", "")[:1] in _QUOTE_MARKS else "apa"
    if author_style in ("vancouver", "initials-first", "inverted-initials", "first-inverted",
                        "bare-initials-first", "natural"):
        return author_style
    if not citation.authors or citation.authors[0].name:
        return "web" if not (citation.container and (citation.volume or citation.pages)) else "unknown"
    return "unknown"


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


_NUMBER = r"[A-Za-z]?\d{1,8}+(?!\d)[A-Za-z]?"
# One token of a container's numbers ("Vol. 8, no. 2, pp. 129-139, March 1986", "137(3):322–331", "12, 587–595").
_NUMBERS_TOKEN = (rf"(?:(?P<label>[Vv]ol(?:ume)?\.?|v\.|[Nn]os?\.|[Nn]o\b|n°|[Ii]ssue|[Pp]p?\.|[Pp]ages?)|"
                  rf"(?P<range>{_NUMBER}\s*+[-–—‑]{{1,2}}+\s*+{_NUMBER})|(?P<number>{_NUMBER})|(?P<month>{seg.MONTH})|"
                  r"[(),:;./\s]++)")
_DAY_BEFORE_MONTH = re.compile(rf"\s*+{seg.MONTH}")
_MONTH_AT_END = re.compile(rf"\b{seg.MONTH}$")
# (Without named groups: a repeated possessive group that captures trips up the re module.)
_NUMBERS_TAIL = re.compile(rf"(?:{re.sub(r'[(][?]P<[a-z]+>', '(?:', _NUMBERS_TOKEN)})++")
_TOKENS = re.compile(_NUMBERS_TOKEN)
# Where a container's numbers may begin: after a comma or a space, at a label or a digit.
_NUMBERS_START = re.compile(
    r"(?:,\s*+|\s++)(?=(?:[Vv]ol(?:ume)?\.?|v\.|[Nn]os?\.|[Nn]o\b|n°|[Pp]p?\.|[Pp]ages?)?\s*+\d)")


_Numbers = tuple[str | None, str | None, str | None]  # volume, issue, pages


def _read_numbers(tail: str, year: int | None, after_month: bool = False) -> _Numbers | None:
    """Volume, issue and pages from a tail of only numbers, labels, months and punctuation (" 22(3):149-161",
    ", Vol. 8, no. 2, pp. 129-139, March"); None when it holds anything else or no number of the three.
    ``after_month``: the text before the tail ended with a month, so a number first is its day."""
    if not _NUMBERS_TAIL.fullmatch(tail):
        return None
    volume = issue = pages = None
    label = None
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
            elif year and number == str(year):
                pass  # the year again
            elif volume is None:
                volume = number
            elif issue is None and tail[token.start() - 1:token.start()] == "(":
                issue = number
            elif pages is None and tail[:token.start()].rstrip().endswith(":"):
                pages = number
            label = None
    if volume is None and issue is None and pages is None:
        return None
    return volume, issue, pages


def _numbers_from_container(citation: RefEntry) -> None:
    """A container that still holds its numbers ("Journal of Child Language 12, 587–595", "IEEE Trans. Patt.
    Anal. Mach. Intell., Vol. 8, pp. 129-139, March") is cut where only numbers, labels, months and
    punctuation remain; volume, issue and pages are read from them."""
    container = citation.container
    if not container or citation.volume or citation.pages or "://" in container or "www." in container:
        return
    # A numbers tail is short: looking only at the container's end keeps this linear in its length.
    for start in _NUMBERS_START.finditer(container, max(0, len(container) - 120)):
        read = _read_numbers(container[start.start():], citation.year,
                             bool(_MONTH_AT_END.search(container, 0, start.start())))
        if read is None:
            continue  # not only numbers from here on
        head = container[:start.start()].strip(" ,.;:")
        if (read[0] is None and read[2] is None) or not head:
            return
        citation.container = head
        _set(citation, volume=read[0], issue=read[1], pages=_pages(read[2]))
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
    if container != citation.container:
        citation.container = _clean(container) or citation.container  # numbers it hid are read after


def _date_from_container(citation: RefEntry) -> None:
    """Cut a date's month from the container's end: it is when, not where."""
    container = citation.container
    found = _DATE_AT_END.search(container, max(0, len(container) - 40)) if container else None
    if container and found and found.start() > 0:
        citation.container = _clean(container[:found.start()]) or container


def parse(text: str, link_doi: str | None = None) -> RefEntry:
    """Parse one reference entry. ``link_doi`` is a DOI from a hyperlink on the entry."""
    citation = RefEntry(raw=text, style="unknown", kind="")
    body = _LIST_LABEL.sub("", text, count=1)
    body = _identifiers(body, citation)
    if citation.doi is None and link_doi:
        citation.doi = link_doi
        citation.methods["doi"] = METHOD_LINK
    short = seg.SHORT_NOTE.match(body.strip())
    if short:
        families = seg.SHORT_NOTE_NAMES.split(short.group("names"))
        citation.authors, citation.style = [Person(family=family) for family in families], "short-note"
        citation.methods["authors"] = METHOD_TEXT
        _set(citation, year=int(short.group("year")), pages=_pages(short.group("pages")))
    else:
        _fields(citation, _GLUED_PERIOD.sub(". ", _REACHED_NOTE.sub(" ", body)))
    _access_from_container(citation)
    _numbers_from_container(citation)
    _date_from_container(citation)
    _numbers_from_container(citation)  # numbers that the date hid ("Journal, 3(2) 14-29, Winter"), if none yet
    if citation.publisher is None:
        _imprint(citation)  # a publisher the tagger left in the container ("New York: Academic Press")
    _title_without_editors(citation)
    _book_container(citation)  # after the imprint, which may follow the editors ("Ed. A. Müller. Trier: WVT")
    citation.kind = _kind(citation)
    return citation
