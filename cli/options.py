"""Options shared by several commands, defined once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from refs.crossref import ENV_MAILTO

F = TypeVar("F", bound=Callable[..., Any])
TABLE_FORMATS = ("table", "json", "csv")


def table_format(default: str = "table") -> Callable[[F], F]:
    """``--format table|json|csv`` for listings."""
    return click.option(
        "--format", "fmt", type=click.Choice(TABLE_FORMATS), default=default, show_default=True,
        help="table for people, json (one array) or csv for programs.",
    )


def mailto() -> Callable[[F], F]:
    return click.option(
        "--mailto", metavar="EMAIL", envvar=ENV_MAILTO,
        help=f"Contact e-mail for Crossref's polite pool (or ${ENV_MAILTO}).",
    )


def offline(help_text: str = "Do not contact Crossref; resolve from the ledger's cache.") -> Callable[[F], F]:
    return click.option("--offline", is_flag=True, help=help_text)


def bibliography() -> Callable[[F], F]:
    return click.option(
        "--bibliography", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE",
        help="A .bib or CSL-JSON file in which Markdown drafts' pandoc citation keys (@smith2015) are looked "
             "up (default: the one the draft's front matter names).")


def article(help_text: str) -> Callable[[F], F]:
    return click.option("--article", "article_id", metavar="ID", help=help_text)


def jobs() -> Callable[[F], F]:
    return click.option(
        "--jobs", "-j", type=click.IntRange(min=1), metavar="N",
        help="Processes that parse articles ahead of storing them (default: one per core from 24 articles "
             "to parse; 1: parse here, one after another). The ledger is the same either way.")
