"""Find the figures a sentence states: percentages, proportions, counts, ratios, intervals, ages, durations.

Each figure has a kind, a value (and an upper value for ranges), a unit and
whether it was stated approximately ("about 65%", "two-thirds"). Values are
normalised so that 64.5%, 64.5 percent and 64.5 per cent compare equal.
"""

from __future__ import annotations

import re

from refs.model import Figure

_HYPHEN = "[-‐‑–]"
_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_WORD = (
    rf"(?:(?:{'|'.join(_TENS)})(?:{_HYPHEN}|\s)?(?:{'|'.join(k for k in _UNITS if _UNITS[k] < 10 and k != 'zero')})?"
    rf"|{'|'.join(sorted(_UNITS, key=len, reverse=True))})"
    rf"(?:\s+(?:{'|'.join(_SCALES)}))?"
)
# A decimal comma, as most of Europe and Latin America write it ("64,5 %"), is one or two digits after the
# comma: a thousands separator is followed by three.
_DIGITS = r"(?:\d++,\d{1,2}+(?!\d)|\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s*(?:million|billion|thousand))?"
NUM = rf"(?:{_DIGITS}|\b{_WORD}\b)"
_NUM_RE = re.compile(NUM, re.IGNORECASE)

_FRACTIONS = {
    "half": 50.0, "one-half": 50.0, "a third": 100 / 3, "one-third": 100 / 3, "two-thirds": 200 / 3,
    "a quarter": 25.0, "one-quarter": 25.0, "three-quarters": 75.0, "one-fifth": 20.0, "a fifth": 20.0,
    "two-fifths": 40.0, "three-fifths": 60.0, "four-fifths": 80.0, "one-tenth": 10.0, "a tenth": 10.0,
}
_APPROX = r"(?P<approx>about|around|approximately|nearly|almost|roughly|over|more than|less than|under|up to|at least|close to|some|an estimated|estimated)\s+"  # noqa: E501
_PEOPLE = (
    r"people|persons|participants|patients|adults|children|kids|adolescents|teens|teenagers|youths|"
    r"respondents|subjects|individuals|women|men|girls|boys|users|students|workers|employees|veterans|"
    r"americans|physicians|doctors|nurses|survivors|volunteers|mothers|fathers|parents|infants|babies|"
    r"cases|deaths|families|households|twins|smokers|animals|mice|rats|dogs|beagles|cats"
)
_DURATION_UNITS = r"years?|months?|weeks?|days?|hours?|minutes?|decades?"

# (kind, pattern); earlier patterns win where spans overlap.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("phone", re.compile(r"(?<!\d)(?:1[-.\s]?)?\(?\d{3}\)?[-.\s]\d{3}[-.\s]\d{4}(?!\d)")),
    ("ci", re.compile(
        rf"(?P<level>\d{{2}}(?:\.\d)?)\s*%\s*(?:CI|confidence interval)\s*(?:[:,=]|of)?\s*"
        rf"\(?(?P<v1>-?{_DIGITS})\s*(?:{_HYPHEN}|to|,)\s*(?P<v2>-?{_DIGITS})\)?", re.IGNORECASE)),
    ("p_value", re.compile(r"\bp\s*(?P<op>[<>=≤≥]|&lt;|&gt;)\s*(?P<v1>0?\.\d+)", re.IGNORECASE)),
    ("odds_ratio", re.compile(rf"\b(?:odds ratio|OR|aOR)\s*(?:of|was|=|:|,)?\s*(?P<v1>{_DIGITS})")),
    ("hazard_ratio", re.compile(rf"\b(?:hazard ratio|HR|aHR)\s*(?:of|was|=|:|,)?\s*(?P<v1>{_DIGITS})")),
    ("relative_risk", re.compile(
        rf"\b(?:relative risk|risk ratio|RR|incidence rate ratio|IRR)\s*(?:of|was|=|:|,)?\s*(?P<v1>{_DIGITS})")),
    ("percentage", re.compile(
        rf"\b(?:{_APPROX})?(?P<v1>{NUM})\s*(?:%|percent|per cent|pct)?"
        rf"\s*(?:{_HYPHEN}|to|and)\s*(?P<v2>{NUM})\s*(?:%|percent\b|per cent\b)", re.IGNORECASE)),
    ("percentage", re.compile(rf"\b(?:{_APPROX})?(?P<v1>{NUM})\s*(?:%|percent\b|per cent\b|pct\b)", re.IGNORECASE)),
    ("fraction", re.compile(
        rf"\b(?:{_APPROX})?\b(?P<frac>{'|'.join(_HYPHEN.join(map(re.escape, f.split('-'))) for f in _FRACTIONS)})"
        rf"(?=\s+(?:of|the|all|were|are|had|have|said|reported|say)\b)", re.IGNORECASE)),
    ("proportion", re.compile(
        rf"\b(?:{_APPROX})?\b(?P<v1>{NUM})\s+(?:in|out of)\s+(?P<v2>{NUM})\b(?!\s*(?:{_DURATION_UNITS}))",
        re.IGNORECASE)),
    ("multiplier", re.compile(
        rf"\b(?:(?P<twice>twice|half)|(?P<v1>{NUM})\s*(?:times|{_HYPHEN}fold))\s+(?:as|more|higher|greater|less|"
        rf"lower|the|increase|increased|rise|decrease|reduction|risk|likelier)\b", re.IGNORECASE)),
    ("age", re.compile(
        rf"\b(?:aged?|ages)\s+(?P<v1>{NUM})\s*(?:{_HYPHEN}|to|and)\s*(?P<v2>{NUM})(?:\s*years)?", re.IGNORECASE)),
    ("age", re.compile(rf"\b(?P<v1>{NUM}){_HYPHEN}year{_HYPHEN}olds?\b|\b(?P<v2>{NUM})\s+years?\s+old\b",
                       re.IGNORECASE)),
    ("age", re.compile(
        rf"\b(?:over|under|above|below|older than|younger than)\s+(?:the\s+)?age\s+(?:of\s+)?(?P<v1>{NUM})",
        re.IGNORECASE)),
    ("duration", re.compile(
        rf"\b(?:{_APPROX})?\b(?P<v1>{NUM})(?:\s*(?:{_HYPHEN}|to|and)\s*(?P<v2>{NUM}))?\s*(?P<unit>{_DURATION_UNITS})\b",
        re.IGNORECASE)),
    ("count", re.compile(
        rf"\b(?:{_APPROX})?\b(?P<v1>{NUM})\s+(?:[A-Za-z-]+\s+){{0,2}}?(?P<unit>{_PEOPLE})\b", re.IGNORECASE)),
    ("study_year", re.compile(
        r"\b(?:a|an|one|the|this|that|another|their|our|in)\s+(?P<v1>(?:19|20)\d{2})\s+(?:[\w-]+\s+){0,2}?"
        r"(?:study|survey|trial|review|meta-analysis|analysis|report|poll|experiment|paper|study's)\b",
        re.IGNORECASE)),
    ("study_year", re.compile(
        r"\b(?:in|published in)\s+(?P<v1>(?:19|20)\d{2}),?\s+(?:a\s+(?:study|survey|team)|researchers|"
        r"scientists|investigators)\b", re.IGNORECASE)),
]

_UNIT_OF = {"percentage": "percent", "fraction": "percent", "proportion": "percent", "age": "years",
            "p_value": None, "ci": None, "multiplier": "times", "study_year": "year"}


def number(text: str) -> float | None:
    """The value of a number written in digits or words ("64.5", "1,200", "twenty-two", "15")."""
    text = text.strip().lower()
    scale = 1.0
    for word, factor in _SCALES.items():
        if text.endswith(word):
            text, scale = text[: -len(word)].strip(), float(factor)
            break
    if not text:
        return None
    if re.fullmatch(r"\d+,\d{1,2}", text):
        return float(text.replace(",", ".")) * scale
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", text):
        return float(text.replace(",", "")) * scale
    parts = re.split(rf"{_HYPHEN}|\s+", text)
    total = 0
    for part in parts:
        if part in _TENS:
            total += _TENS[part]
        elif part in _UNITS:
            total += _UNITS[part]
        elif part:
            return None
    return float(total) * scale


def _unit(kind: str, match: re.Match[str]) -> str | None:
    if kind in ("duration", "count"):
        unit = match.group("unit").lower()
        return unit if kind == "count" else unit.rstrip("s")
    if kind in ("odds_ratio", "hazard_ratio", "relative_risk"):
        return "ratio"
    return _UNIT_OF.get(kind)


def _values(kind: str, match: re.Match[str]) -> tuple[float, float | None] | None:
    groups = match.groupdict()
    if kind == "fraction":
        key = re.sub(_HYPHEN, "-", match.group("frac").lower())
        return _FRACTIONS[key], None
    if kind == "multiplier" and groups.get("twice"):
        return (2.0 if groups["twice"].lower() == "twice" else 0.5), None
    first = groups.get("v1") or groups.get("v2")
    if first is None:
        return None
    low = number(first)
    high = number(groups["v2"]) if groups.get("v2") and groups.get("v1") else None
    if low is None:
        return None
    if kind == "proportion":
        if high is None or high == 0 or low > high or (1900 <= high <= 2100):
            return None
        return round(low / high * 100, 2), None
    return low, high


_DIGIT = re.compile(r"\d")
_LOWER_WORD = re.compile(r"[a-z]+")
_NUMBER_WORDS = frozenset([*_UNITS, *_TENS, "twice", "half", "third", "thirds", "quarter", "quarters", "fifth",
                           "fifths", "tenth"])


def _may_hold_a_figure(text: str, lowered: str) -> bool:
    """A cheap test that spares most prose sentences the full set of patterns."""
    return bool(_DIGIT.search(text)) or not _NUMBER_WORDS.isdisjoint(_LOWER_WORD.findall(lowered))


# Words a pattern cannot match without (each is in every match of its pattern): a pattern whose word is
# absent from a sentence is not run on it. Same figures, a fraction of the regex passes. They are looked
# for in the lowered sentence (written in lower case, without IGNORECASE, which is several times slower),
# but for the ratios' capitals, looked for as written.
_NEEDS: dict[int, tuple[re.Pattern[str], bool]] = {}


def _needs() -> dict[int, tuple[re.Pattern[str], bool]]:
    if not _NEEDS:
        words = {
            "percentage": r"%|per\s?cent|pct", "fraction": r"half|third|quarter|fifth|tenth",
            "multiplier": r"twice|half|times|fold", "duration": r"year|month|week|day|hour|minute|decade",
            "count": rf"\b(?:{_PEOPLE})\b", "proportion": r"\s(?:in|out\s+of)\s",
            "ci": r"%\s*(?:ci|confidence interval)", "study_year": r"(?:19|20)\d\d",
            "phone": r"\d{3}[-.\s]\d{4}",
        }
        # The ratios' patterns read their abbreviations in capitals only ("OR 2.1", never "or 2").
        exact = {"odds_ratio": r"odds ratio|OR", "hazard_ratio": r"hazard ratio|HR",
                 "relative_risk": r"relative risk|risk ratio|RR|incidence rate ratio"}
        for index, (kind, pattern) in enumerate(_PATTERNS):
            if kind in words:
                _NEEDS[index] = re.compile(words[kind]), True
            elif kind in exact:
                _NEEDS[index] = re.compile(exact[kind]), False
            elif kind == "age":  # "65-year-olds", "65 years old"; "aged 18 to 25", "over the age of 65"
                _NEEDS[index] = re.compile(r"year" if "olds?" in pattern.pattern else r"age"), True
    return _NEEDS


def find(text: str) -> list[Figure]:
    """Every figure in ``text``, in order of appearance."""
    taken: list[tuple[int, int]] = []
    found: list[Figure] = []
    lowered = text.lower()
    if not _may_hold_a_figure(text, lowered):
        return found
    needs = _needs()
    for index, (kind, pattern) in enumerate(_PATTERNS):
        need = needs.get(index)
        if need is not None and not need[0].search(lowered if need[1] else text):
            continue
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            if kind == "phone":
                taken.append((start, end))
                continue
            values = _values(kind, match)
            if values is None:
                continue
            approx = bool(match.groupdict().get("approx")) or kind == "fraction"
            taken.append((start, end))
            found.append(Figure(
                text=match.group().strip(), start=start, end=end, kind=kind, value=values[0],
                value_high=values[1], unit=_unit(kind, match), approximate=approx,
            ))
    return sorted(found, key=lambda f: f.start)
