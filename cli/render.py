"""What the CLI prints besides tables (``cli.tables``): summaries, works, claims, colour and progress."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import click

from refs.model import REFERENCE_PROBLEMS

if TYPE_CHECKING:
    from refs.claims.stage import ClaimSummary
    from refs.crossref.resolve import ResolveSummary
    from refs.model import IngestResult

# ANSI colours of check statuses on a terminal (the HTML report has its own palette).
_ANSI = {"supported": "32", "rounded": "32", "unverified": "90", "unsourced": "33", "figure_mismatch": "31",
         "cites_problem_source": "35"}


def use_colour(mode: str, terminal: bool) -> bool:
    """--color always/never, or auto: on a terminal unless $NO_COLOR is set (https://no-color.org)."""
    if mode in ("always", "never"):
        return mode == "always"
    return terminal and not os.environ.get("NO_COLOR")


def ansi(status: str, text: str) -> str:
    """``text`` in the colour of a check status."""
    problem = status in REFERENCE_PROBLEMS
    code = _ANSI.get(status, "31" if problem else "0")
    return f"\x1b[{code}m{text}\x1b[0m"


@contextlib.contextmanager
def progress(total: int, label: str = "Resolving") -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr when it is a terminal; silence otherwise (stdout stays clean for pipes)."""
    if not total or not sys.stderr.isatty():
        yield lambda steps: None
        return
    with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
        yield bar.update


def network_notice(message: str) -> None:
    """Retries and waits, shown on a terminal so a slow run says why it is slow."""
    if sys.stderr.isatty():
        click.echo(f"\rrefs: {message}", err=True)


def ingest_lines(results: list[IngestResult]) -> list[str]:
    return [f"{result.status:<9} {result.article_id}  "
            + (f"{result.n_sources} sources, {result.n_dois} DOIs" if result.n_sources
               else "no reference list found (its claims are unsourced)")
            for result in results]


def claims_line(summary: ClaimSummary) -> str:
    return (f"claims {summary.claims} ({summary.sourced} sourced, {summary.unsourced} unsourced), "
            f"{summary.links} links; figures verified {summary.verified}, contradicted {summary.contradicted}")


def resolve_lines(summary: ResolveSummary) -> list[str]:
    lines = [
        f"resolved {summary.resolved}, matched by search {summary.matched}, not_found {summary.not_found}, "
        f"could_not_check {summary.could_not_check}, unmatched {summary.unmatched}, "
        f"not_applicable {summary.not_applicable}, doi_mismatch {summary.doi_mismatch}; "
        f"Crossref requests {summary.requests} ({summary.retries} retried, {summary.throttled} throttled)"
    ]
    if summary.keys_changed:
        shown = ", ".join(f"{old} -> {new}" for old, new in summary.keys_changed[:5])
        more = f" and {len(summary.keys_changed) - 5} more" if len(summary.keys_changed) > 5 else ""
        lines.append(f"citation keys made again from the Crossref records found: {shown}{more}")
    if summary.offline:
        lines.append("offline: resolved from the ledger's cache only")
    if summary.network_problem:
        lines.append(f"Crossref could not be reached ({summary.network_problem}); "
                     "unresolved sources keep their reference-text metadata and say why")
        lines.append("  what to do: run again later (what was fetched is cached; the rest is asked again), "
                     "use --offline to work from the cache, set REFS_MAILTO=you@example.org for Crossref's "
                     "polite pool, or check REFS_CROSSREF_URL")
    return lines


def _author_text(author: dict[str, Any]) -> str:
    if author.get("name"):
        return str(author["name"])
    text = " ".join(p for p in (author.get("given"), author.get("family")) if p)
    return text + (f" (ORCID {author['orcid']})" if author.get("orcid") else "")


def work_text(view: dict[str, Any]) -> str:
    """A work for people: record first, then notices, then who cites it and with what status."""
    lines = [f"{view['doi']}  [{view['status'] if isinstance(view['status'], str) else ', '.join(view['status'])}]"]
    if view.get("update_status"):
        lines.append(f"NOTICE: this work is {view['update_status'].replace('_', ' ')}")
    lines.append(f"title:      {view.get('title') or ''}")
    lines.append(f"authors:    {'; '.join(_author_text(a) for a in view['authors'])}")
    numbers = ", ".join(
        f"{label} {view[key]}" for key, label in (("volume", "vol."), ("issue", "no."), ("pages", "pp."))
        if view.get(key)
    )
    lines.append(f"published:  {view.get('container') or ''} {view.get('issued') or view.get('year') or ''}"
                 + (f"; {numbers}" if numbers else ""))
    for key in ("type", "publisher", "issn", "cited_by_count", "metadata_source", "record_fetched_at"):
        if view.get(key) is not None:
            lines.append(f"{key + ':':<19}{view[key]}")
    for update in view["updates"]:
        lines.append(f"{update['relation']}: {update['update_type']} {update.get('notice_doi') or ''} "
                     f"{update.get('date') or ''} ({update.get('source') or 'source not stated'})")
    if view.get("abstract"):
        lines.append("abstract:   " + view["abstract"])
    lines.append("cited by:")
    for source in view["cited_by"]:
        detail = source["agreement"] or ""
        if source["disagreements"]:
            detail += ": " + ", ".join(d["field"] for d in source["disagreements"])
        lines.append(f"  {source['article_id']} #{source['position']}  {source['status']}"
                     + (f" ({source['status_reason']})" if source["status_reason"] else "")
                     + (f"  {detail}" if detail else ""))
    return "\n".join(lines)


def claims_text(found: list[dict[str, Any]]) -> str:
    """Claims for people: the sentence, where it is from, and each source with how refs knows."""
    if not found:
        return "(no claims found)"
    blocks = []
    for claim in found:
        head = f"{claim['article_id']} #{claim['position']} [{claim['kind']}, {claim['status']}]"
        if claim.get("person"):
            head += f" attributed to {claim['person']}"
        lines = [head, "  " + claim["text"]]
        for source in claim["sources"]:
            who = ", ".join(source["authors"][:3]) + (" et al." if len(source["authors"]) > 3 else "")
            lines.append(
                f"  <- [{source['citation_key']}] {who} {source['year'] or 'n.d.'}. {source['title'] or ''}"
                + (f" doi:{source['doi']}" if source["doi"] else "")
            )
            detail = f"     {source['method']}, confidence {source['confidence']:.2f}"
            if source["verification"]:
                detail += f", {source['verification']}"
            if source["notice"]:
                detail += f", work {source['notice']}"
            lines.append(detail)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
