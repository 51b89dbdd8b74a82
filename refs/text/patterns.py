"""Patterns for what scraped pages carry around an article: menus, share buttons, sign-up boxes."""

from __future__ import annotations

import re

URL = re.compile(r"https?://[^\s<>\"]+")

# Lines that scraped pages carry around the article itself.
FURNITURE = re.compile(
    r"^(?:table of contents|contents|view all|skip to (?:main )?content|menu|advertisement|"
    r"share|share feedback|print|key takeaways|was this page helpful\??|related stories|read more|"
    r"sign up|subscribe|cookie)",
    re.IGNORECASE,
)
