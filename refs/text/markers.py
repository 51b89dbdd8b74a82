"""Numbered citation markers ("[3]", "[3, 5]", "[3–5]"), shared by reading an article and linking its claims."""

from __future__ import annotations

import re

# A bracket followed by "=" holds a statistic's degrees of freedom ("F[1,12] = 8.42"), not a citation.
BRACKET_NUMBERS = re.compile(r"\[(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\](?!\s*=)")
# A range written across two markers: "[26]–[29]".
BRACKET_RANGE = re.compile(r"\[(\d{1,3})\]\s*+[–-]\s*+\[(\d{1,3})\](?!\s*=)")


def expand(numbers: str) -> list[int]:
    """"3, 5–7" as [3, 5, 6, 7]; a range wider than 30 is not a citation range, and only its ends count."""
    out: list[int] = []
    for part in re.split(r"\s*,\s*", numbers):
        bounds = re.split(r"\s*[–-]\s*", part)
        if len(bounds) == 2 and bounds[0].isdigit() and bounds[1].isdigit():
            low, high = int(bounds[0]), int(bounds[1])
            if 0 < high - low < 30:
                out.extend(range(low, high + 1))
                continue
        if part.strip().isdigit():
            out.append(int(part))
    return out


def bracketed(text: str) -> list[int]:
    """Every number cited with a bracketed marker in ``text`` ("[26]–[29]" counts 27 and 28 too)."""
    numbers = [number for match in BRACKET_NUMBERS.finditer(text) for number in expand(match.group(1))]
    for match in BRACKET_RANGE.finditer(text):
        numbers += expand(f"{match.group(1)}-{match.group(2)}")
    return numbers
