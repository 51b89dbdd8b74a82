"""The works to export as bibliography entries, with what the ledger knows beyond their metadata."""

from __future__ import annotations

import dataclasses
import re

from refs.model import Work
from refs.store import articles, works
from refs.store.ledger import Ledger


def initials(given: str | None) -> str | None:
    """Vancouver initials as a given name ("JI" -> "J. I."), so styles abbreviate them right."""
    if given and re.fullmatch(r"[A-Z]{1,3}", given):
        return " ".join(f"{letter}." for letter in given)
    return given


def collect(ledger: Ledger, article: str | None = None, annotate: bool = False) -> list[Work]:
    """Every work cited in the ledger (or by one article), once, in citation-key order. Only with
    ``annotate`` do they carry how many claims rest on them: styles print note fields, and a ledger's
    bookkeeping does not belong in someone's bibliography unless asked for."""
    articles.require(ledger, article)
    found = works.cited(ledger, article)
    for work in found:
        work.authors = [dataclasses.replace(person, given=initials(person.given)) for person in work.authors]
        if not annotate:
            work.claims_supported = 0
    return found
