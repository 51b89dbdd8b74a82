"""Patterns for what scraped pages carry around an article: menus, share buttons, sign-up boxes."""

from __future__ import annotations

import re

URL = re.compile(r"https?://[^\s<>\"]+")


def locator_end(found: str) -> str:
    """A URL (or DOI) as matched, without the punctuation that ends the sentence or encloses it: a
    closing parenthesis stays when the locator opened one ("https://x.org/Data_(Diagnostic)",
    "10.1016/0006-291X(87)90766-2")."""
    url = found.rstrip(".,;:")
    unopened = url.count(")") - url.count("(")
    end = len(url)  # moved back over the text, which is cut once: linear in the length of the locator
    while unopened > 0 and end and url[end - 1] == ")":
        end -= 1
        unopened -= 1
        while end and url[end - 1] in ".,;:":
            end -= 1
    return url[:end]

# Lines that scraped pages carry around the article itself.
FURNITURE = re.compile(
    r"^(?:table of contents|contents|view all|skip to (?:main )?content|menu|advertisement|"
    r"share|share feedback|print|key takeaways|was this page helpful\??|related stories|read more|"
    r"sign up|subscribe|cookie)",
    re.IGNORECASE,
)
