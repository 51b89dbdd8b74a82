"""Render a check report as text (grouped by status), JSON (schema refs-check/1) or self-contained HTML."""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from typing import Any

from refs.check.check import Report
from refs.model import CLAIM_PROBLEMS

CLAIM_ORDER = ("figure_mismatch", "cites_problem_source", "unsourced", "unverified", "rounded", "supported")
REFERENCE_ORDER = ("not_found", "metadata_mismatch", "retracted", "corrected", "unmatched", "could_not_check",
                   "web_source", "ok")
# Status colours (background, border) in the HTML report.
COLOURS = {
    "supported": ("#d8f3dc", "#2d6a4f"),
    "rounded": ("#e9f5db", "#6a994e"),
    "unverified": ("#edf2f4", "#6c757d"),
    "unsourced": ("#fff3bf", "#b08900"),
    "figure_mismatch": ("#ffd6d6", "#c1121f"),
    "cites_problem_source": ("#f8d0ec", "#9d0191"),
}


def evidence_text(item: dict[str, Any]) -> str:
    """One piece of evidence in words."""
    checks = "; ".join(
        f"{c['figure']} vs {c['abstract_figure'] or 'nothing'}: {c['outcome'].replace('_', ' ')}"
        for c in item.get("checks") or []
    )
    if item["from"] == "ledger claim":
        sources = ", ".join(item.get("sources", [])) or "no source"
        return (f"ledger claim {item['article_id']} #{item['position']} ({sources}): \u201c{item['text']}\u201d"
                + (f" [{checks}]" if checks else ""))
    if item["from"] == "abstract":
        return f"abstract of {item['citation_key']} (doi:{item['doi']}): {checks}"
    return f"reference [{item['position']}] is {item['status'].replace('_', ' ')}: {item['raw']}"


def to_json(report: Report) -> str:
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=2)


def _plain(status: str, text: str) -> str:
    return text


def to_text(report: Report, paint: Callable[[str, str], str] = _plain) -> str:
    """The report for people, grouped by status; ``paint(status, heading)`` may colour each group's heading."""
    summary = report.as_dict()["summary"]
    lines = [f"NOT COMPLETE: {reason}" for reason in report.incomplete]
    lines.append(f"{report.path}: {summary['claims']} claims, {summary['references']} references, "
                 f"{summary['problems']} problems" + (" (offline)" if report.offline else ""))
    for status in CLAIM_ORDER:
        group = [c for c in report.claims if c.status == status]
        if not group:
            continue
        lines += ["", paint(status, f"{status} ({len(group)})")]
        for claim in group:
            lines.append(f"  #{claim.position} {claim.text}")
            lines.append(f"     {claim.reason}")
            for item in claim.evidence:
                lines.append(f"     {evidence_text(item)}")
            for suggestion in claim.suggestions:
                lines.append(f"     maybe: [{suggestion['citation_key']}] {suggestion['title']}"
                             + (f" doi:{suggestion['doi']}" if suggestion["doi"] else ""))
    for status in REFERENCE_ORDER:
        references = [r for r in report.references if r.status == status]
        if not references:
            continue
        lines += ["", paint(status, f"references: {status} ({len(references)})")]
        for ref in references:
            lines.append(f"  [{ref.position}] {ref.raw}")
            if ref.reason:
                lines.append(f"     {ref.reason}")
    return "\n".join(lines)


_STYLE = "\n".join(
    [
        "body{font:16px/1.55 Georgia,serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222}",
        "h1{font:600 1.4rem system-ui,sans-serif}h2{font:600 1.1rem system-ui,sans-serif;margin-top:2rem}",
        ".claim{border-bottom:2px solid;border-radius:2px;padding:0 1px;text-decoration:none;color:inherit}",
        ".legend span{display:inline-block;margin:0 .6rem .3rem 0;padding:0 .3rem;border-bottom:2px solid}",
        "dl.details dt{font:600 .9rem system-ui,sans-serif;margin-top:1rem}",
        "dl.details dd{margin:.2rem 0 0 1rem;font-size:.9rem}",
        ".ref{font-size:.9rem;margin:.3rem 0}.status{font:600 .8rem system-ui,sans-serif;text-transform:uppercase}",
        ":target{outline:3px solid #457b9d}",
        ".incomplete{background:#fff3bf;border-left:4px solid #b08900;padding:.5rem .8rem}",
    ]
    + [f".s-{status}{{background:{bg};border-color:{fg}}}" for status, (bg, fg) in COLOURS.items()]
)


def _title(claim_status: str, reason: str) -> str:
    return html.escape(f"{claim_status.replace('_', ' ')}: {reason}", quote=True)


def _draft_html(report: Report) -> str:
    """The draft's text, escaped, with every claim a link in its status colour; one paragraph per line."""
    text = report.text
    pieces: list[str] = []
    cursor = 0
    for claim in sorted(report.claims, key=lambda c: c.start):
        if claim.start < cursor:
            continue
        pieces.append(html.escape(text[cursor:claim.start]))
        pieces.append(
            f'<a class="claim s-{claim.status}" id="c{claim.position}" data-status="{claim.status}" '
            f'href="#d{claim.position}" title="{_title(claim.status, claim.reason)}">'
            f"{html.escape(text[claim.start:claim.end])}</a>"
        )
        cursor = claim.end
    pieces.append(html.escape(text[cursor:]))
    return "".join(
        f"<h3>{para.lstrip('#').strip()}</h3>\n" if para.startswith("#") else f"<p>{para}</p>\n"
        for para in "".join(pieces).split("\n") if para.strip()
    )


def _claim_details_html(report: Report) -> str:
    """Each claim's status, reason, evidence, sources and suggestions, as a definition list entry."""
    details = []
    for claim in sorted(report.claims, key=lambda c: c.position):
        items = [f"<dd>{html.escape(claim.reason)}</dd>"]
        for item in claim.evidence:
            items.append(f"<dd>{html.escape(evidence_text(item))}</dd>")
        for source in claim.sources:
            items.append(f"<dd>source: [{html.escape(str(source['citation_key']))}] "
                         f"{html.escape(str(source['title'] or ''))} ({html.escape(source['method'])}, "
                         f"confidence {source['confidence']:.2f})</dd>")
        for suggestion in claim.suggestions:
            items.append(f"<dd>maybe: [{html.escape(str(suggestion['citation_key']))}] "
                         f"{html.escape(str(suggestion['title'] or ''))}</dd>")
        details.append(f'<dt id="d{claim.position}"><a href="#c{claim.position}">#{claim.position}</a> '
                       f'<span class="status">{html.escape(claim.status)}</span></dt>' + "".join(items))
    return "".join(details)


def _references_html(report: Report) -> str:
    return "".join(
        f'<p class="ref"><span class="status">{html.escape(ref.status)}</span> [{ref.position}] '
        f"{html.escape(ref.raw)}<br>{html.escape(ref.reason)}</p>\n"
        for ref in report.references
    )


def to_html(report: Report) -> str:
    """One HTML file with no external assets; every piece of draft or source text is escaped."""
    legend = "".join(f'<span class="s-{s}">{s.replace("_", " ")}</span>' for s in COLOURS)
    summary = report.as_dict()["summary"]
    problems = sum(c.status in CLAIM_PROBLEMS for c in report.claims)
    banner = "".join(f'<p class="incomplete" role="alert"><strong>Not complete:</strong> {html.escape(reason)}</p>\n'
                     for reason in report.incomplete)
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        f"<title>refs check: {html.escape(report.title)}</title><style>{_STYLE}</style></head><body>\n"
        f"<h1>refs check: {html.escape(report.title)}</h1>\n"
        f"{banner}"
        f"<p>{summary['claims']} claims ({problems} with problems), {summary['references']} references; "
        f"{summary['problems']} problems in all. Hover over a claim for its status, click it for the evidence.</p>\n"
        f'<p class="legend">{legend}</p>\n<main id="draft">\n{_draft_html(report)}</main>\n'
        f'<h2>Claims</h2>\n<dl class="details">\n{_claim_details_html(report)}\n</dl>\n'
        f"<h2>References</h2>\n{_references_html(report)}</body></html>\n"
    )
