"""The baseline: a plain habanero loop, one ``works(ids=doi)`` call per DOI.

Run by bench_resolve.py in its own process, so that nothing of refs (whose
clients route habanero's requests through refs' seam) is in the way.
Usage: python bench/plain_habanero.py BASE_URL DOI...
"""

from __future__ import annotations

import sys
import time

import habanero


def main() -> None:
    base_url, dois = sys.argv[1], sys.argv[2:]
    cr = habanero.Crossref(base_url=base_url, mailto="bench@example.org")
    failures = 0
    start = time.perf_counter()
    for doi in dois:
        try:
            cr.works(ids=doi)
        except Exception:  # the baseline has no retry logic: count what failed
            failures += 1
    print(f"{len(dois)} {failures} {time.perf_counter() - start:.3f}")


if __name__ == "__main__":
    main()
