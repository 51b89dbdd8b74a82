"""Hostile lines for the linear-time tests and benchmark (written for refs' tests; they describe nothing).

Each is built to defeat a pattern that backtracks: long author-like runs, runs of initials,
commas, periods, digits, spaces, brackets and emphasis marks, around 10 KB each.
"""

from __future__ import annotations

REAL_REFERENCE = (  # the line that once hung ingest for minutes
    "Cerdeno-Tarraga AM, Patrick S, Crossman L, Blakely GW, Abratt V, Lennard N, Poxton I, Duerden B, Harris B, "
    "Quail MA, et al. (2005). Extensive DNA inversions in the B. fragilis genome control variable gene expression. "
    "In: Blakely GW, editors. Science 307:1463–1465."
)


def lines(size: int = 10_000) -> dict[str, str]:
    """Name -> one hostile line of about ``size`` characters."""
    def repeat(unit: str) -> str:
        return unit * (size // len(unit) + 1)

    return {
        "author run": repeat("Cerdeno-Tarraga AM, Patrick S, Crossman L, ") + "et al. (2005). X",
        "hyphenated words": repeat("Aaa-"),
        "apa authors": repeat("Smith, J. A., de la Cruz, M., ") + "(2005). Title.",
        "initials": repeat("A. "),
        "capital initials": repeat("AB "),
        "commas": repeat(","),
        "periods": repeat("."),
        "digits": repeat("1"),
        "digits and periods": repeat("1."),
        "spaces": "a" + " " * size + "a (2005)",
        "tabs": "a" + "\t" * size + "et al",
        "brackets": repeat("[1,"),
        "markdown links": repeat("[a]("),
        "citation keys": repeat("[@a:b; @c"),
        "link buttons": repeat("[PubMed] Google Scholar ") + "x",
        "ieee authors": repeat("J. A. Smith, ") + "x",
        "chicago authors": "Smith, Joseph, " + repeat("Ann Lee, ") + "x",
        "natural names": repeat("Ann Lee and ") + "x",
        "glued boundaries": repeat("doi:10.1/1.Ab 2.\"T\" "),
        "container numbers": "Smith J. Title. Journal" + repeat(", vol. 1") + " x",
        "at signs": repeat("@a.b@"),
        "braced keys": repeat("[@{a"),
        "emphasis": repeat("*a "),
        "number words": repeat("twenty one "),
        "years": repeat("2005 "),
        "dashes": "— " + repeat("Aaaa "),
        "dois": repeat("doi:10.1234/a."),
        "urls": repeat("https://a/"),
        "mixed reference": repeat("Smith AB, Jones CD. ") + "Title. J. 2010;1:1-2.",
        "real reference x40": " ".join([REAL_REFERENCE] * 40),
        "author-year groups": repeat("(Smith et al., 2015; Lee and ") + "x",
        "author-year citations": repeat("(Smith et al., 2015; Lee 2016a, b) Van Dam (2014) "),
        "unclosed year groups": repeat("(Smith, 20") + "x",
        "family given heads": repeat("Society.Williamson, Maurice; Tait, Andrew ") + "(",
        "reached notes": repeat("Retrieved 1 May ") + "x",
        "glued quotes": repeat("a\"B") + "x",
        "doi cut by spaces": repeat("doi:10.1000/a. 1") + "x",
        "listed links": "- " + repeat("[a](https://a/(b)) "),
        "unopened parentheses": "https://a/" + repeat(")"),
    }


def article(size: int = 10_000, listed: bool = True) -> str:
    """An article whose body and reference list are made of hostile lines; without a list (``listed``
    False), its sources are read from the body's author-year citations."""
    hostile = lines(size)
    body = "\n\n".join(hostile.values())
    if not listed:
        return f"Hostile input\n\n{body}\n"
    entries = "\n".join(f"{n}. {line}" for n, line in enumerate(hostile.values(), start=1))
    return f"Hostile input\n\n{body}\n\nReferences\n{entries}\n\nSources\n{body}\n"
