"""Patterns for what scraped pages carry around an article: menus, share buttons, sign-up boxes."""

from __future__ import annotations

import re

URL = re.compile(r"https?://[^\s<>\"]+")


def locator_end(found: str) -> str:
    """A URL (or DOI) as matched, without the punctuation that ends the sentence or encloses it: a
    closing parenthesis stays when the locator opened one ("https://x.org/Data_(Diagnostic)",
    "10.1016/0006-291X(87)90766-2")."""
    url = found.rstrip(".,;:")
    while url.endswith(")") and url.count(")") > url.count("("):
        url = url[:-1].rstrip(".,;:")
    return url

# Lines that scraped pages carry around the article itself.
FURNITURE = re.compile(
    r"^(?:table of contents|contents|view all|skip to (?:main )?content|menu|advertisement|"
    r"share|share feedback|print|key takeaways|was this page helpful\??|related stories|read more|"
    r"sign up|subscribe|cookie)",
    re.IGNORECASE,
)
