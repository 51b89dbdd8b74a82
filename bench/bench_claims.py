"""Benchmark: claim lookup latency (p50, p95) on a ledger with 100,000 claims, and a query that matches them all.

The claims are generated from the seed articles' sentences with varied figures
(benchmark data only) and written straight into a fresh ledger, one article per
100 claims, with their figures and the FTS index kept by the ledger's triggers.
Run: python bench/bench_claims.py [--claims N] [--queries N] [--ledger PATH]
(--ledger keeps the generated ledger at PATH and reuses it when it is already there.)
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from refs.claims import extract as claims_mod  # noqa: E402
from refs.claims import figures, lookup  # noqa: E402
from refs.store.ledger import Ledger  # noqa: E402
from refs.text import sentences  # noqa: E402

QUERIES = ["64.5%", "antidepressants emotionally numb", "detach work", "89.4", "numbness trauma",
           "research suggests genetic", "percent of adults", "emotional detachment"]
BROAD_QUERY = "study"


def _sentences() -> list[str]:
    pool: list[str] = []
    for path in sorted((ROOT / "data" / "articles").iterdir()):
        for para in sentences.paragraphs(path.read_text(encoding="utf-8")):
            pool += [s.text for s in sentences.split(para.text) if len(s.text.split()) > 6]
    return pool


def build(ledger: Ledger, count: int, seed: int = 11) -> None:
    rng = random.Random(seed)
    pool = _sentences()
    # Each pool sentence is parsed once; a claim's figures are its own three and its sentence's, shifted
    # (parsing 100,000 sentences is not what is measured), stored with offsets as ingest stores them.
    pool_figures = {sentence: figures.find(sentence) for sentence in pool}
    conn = ledger.conn
    with ledger.transaction():
        for article in range(count // 100 + 1):
            conn.execute(
                "INSERT INTO articles (id, path, title, title_source, format, sha256, size_bytes, n_sources, body,"
                " ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (f"bench-{article}", f"/bench/{article}.txt", f"Bench article {article}", "file-name", "text",
                 "0" * 64, 0, 0, "", "2026-01-01T00:00:00+00:00"),
            )
        for n in range(count):
            year, percent, people = rng.randint(1990, 2025), rng.randint(1, 999) / 10, rng.randint(20, 5000)
            sentence = rng.choice(pool)
            prefix = f"In a {year} study, {percent}% of {people} participants agreed: "
            text = prefix + sentence
            stated = [(shown, kind, value, None, unit, 0, text.find(shown)) for shown, kind, value, unit in (
                (f"a {year} study", "study_year", year, "year"), (f"{percent}%", "percentage", percent, "percent"),
                (f"{people} participants", "count", people, "participants"))]
            stated += [(f.text, f.kind, f.value, f.value_high, f.unit, int(f.approximate), len(prefix) + f.start)
                       for f in pool_figures[sentence]]
            if n == count // 2:
                text = claims_mod.extract(
                    "A 2016 study found that 64.5% reported feeling emotionally numb on antidepressants.")[0].text
                stated = [(f.text, f.kind, f.value, f.value_high, f.unit, int(f.approximate), f.start)
                          for f in figures.find(text)]
            cursor = conn.execute(
                "INSERT INTO claims (article_id, position, paragraph, start_offset, end_offset, text, kind, person,"
                " sourced) VALUES (?,?,?,?,?,?,?,?,?)",
                (f"bench-{n // 100}", n % 100 + 1, 0, 0, len(text), text, "figure", None, 0),
            )
            conn.executemany(
                "INSERT INTO claim_figures (claim_id, position, text, kind, value, value_high, unit, approximate,"
                " start_offset, end_offset) VALUES (?,?,?,?,?,?,?,?,?,?)",
                [(cursor.lastrowid, i, shown, kind, value, high, unit, approx, start, start + len(shown))
                 for i, (shown, kind, value, high, unit, approx, start) in enumerate(stated, start=1)],
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--ledger", type=Path, help="keep the ledger here (reused when it exists)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.ledger or Path(tmp) / "ledger.sqlite"
        reuse = path.exists()
        ledger = Ledger(path)
        start = time.perf_counter()
        if not reuse:
            build(ledger, args.claims)
        built = time.perf_counter() - start
        total = ledger.conn.execute("SELECT COUNT(*) FROM claims").fetchone()[0]
        latencies: list[float] = []
        by_kind: dict[str, list[float]] = {query: [] for query in QUERIES}
        for n in range(args.queries):
            query = QUERIES[n % len(QUERIES)]
            t0 = time.perf_counter()
            lookup.search(ledger, query, limit=20)
            latencies.append((time.perf_counter() - t0) * 1000)
            by_kind[query].append(latencies[-1])
        latencies.sort()
        p50 = statistics.median(latencies)
        p95 = latencies[int(len(latencies) * 0.95) - 1]
        print(f"claims in ledger: {total} ({'reused' if reuse else f'built in {built:.1f} s'})")
        print(f"queries:          {len(latencies)} ({len(QUERIES)} kinds, 20 results each)")
        print(f"lookup latency:   p50 {p50:.1f} ms, p95 {p95:.1f} ms (target p95 < 50 ms)")
        for query, times in by_kind.items():
            page = lookup.find(ledger, query, limit=20)
            print(f"  {query!r:36} median {statistics.median(times):6.1f} ms, max {max(times):6.1f} ms;"
                  f" {page.total} match, {page.ranked} ranked")
        # A query every claim matches ("In a 2004 study, ..."): only the newest matches are ranked.
        broad = []
        for _ in range(5):
            t0 = time.perf_counter()
            page = lookup.find(ledger, BROAD_QUERY, limit=20)
            broad.append((time.perf_counter() - t0) * 1000)
        print(f"broad query:      {BROAD_QUERY!r} matches {page.total} claims ({page.ranked} ranked):"
              f" median {statistics.median(broad):.0f} ms (target < 250 ms)")


if __name__ == "__main__":
    main()
