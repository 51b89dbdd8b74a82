"""The claims stage: extract, link and verify an article's claims and store them (one transaction per article)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from refs import citation as citation_mod
from refs import claims as claims_mod
from refs import linking, verify
from refs.ledger import Ledger


@dataclass
class ClaimSummary:
    articles: int = 0
    claims: int = 0
    sourced: int = 0
    unsourced: int = 0
    links: int = 0
    verified: int = 0
    contradicted: int = 0


def _sources(ledger: Ledger, article_id: str) -> list[linking.SourceInfo]:
    rows = ledger.conn.execute(
        "SELECT s.id, s.position, s.number, s.raw, s.year, s.doi, s.title, w.title AS work_title,"
        " w.abstract, w.year AS work_year FROM sources s JOIN works w ON w.id = s.work_id"
        " WHERE s.article_id = ? ORDER BY s.position",
        (article_id,),
    ).fetchall()
    out = []
    for row in rows:
        cit = citation_mod.parse(row["raw"])
        first = cit.authors[0] if cit.authors else None
        out.append(linking.SourceInfo(
            id=row["id"], position=row["position"], number=row["number"],
            first_family=(first.family or first.name) if first else None,
            year=row["year"] or row["work_year"], doi=row["doi"], title=row["title"] or row["work_title"],
            abstract=row["abstract"], organisation=first.name if first and first.name else None,
        ))
    return out


def rebuild(ledger: Ledger, article_ids: list[str] | None = None) -> ClaimSummary:
    """(Re)compute the claims of the given articles (default: all) from their text and sources."""
    conn = ledger.conn
    if article_ids is None:
        article_ids = [row[0] for row in conn.execute("SELECT id FROM articles ORDER BY id")]
    summary = ClaimSummary()
    for article_id in article_ids:
        row = conn.execute("SELECT body, references_line FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            continue
        found = claims_mod.extract(row["body"], row["references_line"])
        sources = _sources(ledger, article_id)
        links = linking.link(found, sources)
        abstracts = {s.id: s.abstract for s in sources}
        by_claim: dict[int, list[linking.Link]] = {}
        for link in links:
            by_claim.setdefault(link.claim_position, []).append(link)
        with ledger.transaction():
            conn.execute("DELETE FROM claims WHERE article_id = ?", (article_id,))
            for claim in found:
                claim_links = by_claim.get(claim.position, [])
                cursor = conn.execute(
                    "INSERT INTO claims (article_id, position, paragraph, start_offset, end_offset, text, kind, person,"
                    " sourced)"
                    " VALUES (?,?,?,?,?,?,?,?,?)",
                    (article_id, claim.position, claim.paragraph, claim.start, claim.end, claim.text, claim.kind,
                     claim.person, int(bool(claim_links))),
                )
                claim_id = int(cursor.lastrowid or 0)
                conn.executemany(
                    "INSERT INTO claim_figures (claim_id, position, text, kind, value, value_high, unit, approximate)"
                    " VALUES (?,?,?,?,?,?,?,?)",
                    [(claim_id, n, f.text, f.kind, f.value, f.value_high, f.unit, int(f.approximate))
                     for n, f in enumerate(claim.figures, start=1)],
                )
                for link in claim_links:
                    outcome, checks = verify.verify(claim.text, claim.figures, abstracts.get(link.source_id))
                    conn.execute(
                        "INSERT INTO claim_sources (claim_id, source_id, method, confidence, evidence, verification,"
                        " verification_detail) VALUES (?,?,?,?,?,?,?)",
                        (claim_id, link.source_id, link.method, link.confidence,
                         json.dumps(link.evidence, ensure_ascii=False), outcome,
                         json.dumps([c.as_dict() for c in checks], ensure_ascii=False) if checks else None),
                    )
                    summary.links += 1
                    summary.verified += outcome == "verified"
                    summary.contradicted += outcome == "contradicted"
                summary.claims += 1
                summary.sourced += bool(claim_links)
                summary.unsourced += not claim_links
        summary.articles += 1
    return summary
