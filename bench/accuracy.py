"""Accuracy on real articles: reference entries, DOIs and citation links on the dev corpus, and field-by-field
reference parsing on AnyStyle's hand-labelled references. Reads ../shared/dev-corpus (beside the repository).

For each rendering (scraped: markers kept; nomarkers: markers dropped, list in first-citation order;
glued: the list on one line), over the 27 articles:
- entries: precision, recall and F1 of reference entries (an entry is right when its text covers the
  true entry's text: character overlap / union >= 0.8, label excluded);
- DOIs: precision, recall and F1 of the set of DOIs each article's list yields;
- links: of the true claim -> reference links, how many refs made (recall), and of the links refs made,
  how many are true (precision); a link is true when refs' claim overlaps the true sentence and its
  source is the entry matched to the true reference.
- fields: of the entries matched to a true one, the first author's family name, year, title, journal, volume
  and pages against the truth's (text fields alike as below, numbers exactly).
Fields on AnyStyle's gold.xml, held out: the tagger that reads fields is trained on AnyStyle's core.xml
(data/training/), so a gold reference at least 70 % alike (rapidfuzz ratio) to one of core's is left out as
seen in training. Per-field precision, recall and F1 (first author's family name, year, title, container,
publisher, volume, pages, DOI); text fields match when their folded forms are at least 90 % alike
(rapidfuzz), the rest exactly after normalising.

Run: python bench/accuracy.py [--corpus DIR] [--articles N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz, process  # noqa: E402

from refs.claims import stage  # noqa: E402
from refs.ingest import article as article_stage  # noqa: E402
from refs.ingest import parse, tagger  # noqa: E402
from refs.model import Article, ArticleFormat, RefEntry, SourceInfo, TitleSource  # noqa: E402
from refs.text.fold import fold  # noqa: E402
from refs.text.patterns import URL  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "dev-corpus"
RENDERINGS = ("scraped", "nomarkers", "glued")
FIELDS = ("author", "year", "title", "container", "publisher", "volume", "pages", "doi")
ARTICLE_FIELDS = ("author", "year", "title", "container", "volume", "pages")
SEEN = 70  # a gold reference this alike (rapidfuzz ratio) to a training reference counts as seen
_LABEL = re.compile(r"^\s*(?:\[\d{1,4}\]|\d{1,4}[.)])\s*")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self) -> str:
        return (f"P {self.precision:5.3f}  R {self.recall:5.3f}  F1 {self.f1:5.3f}  "
                f"({self.tp} right, {self.fp} wrong, {self.fn} missed)")


@dataclass
class RenderingScores:
    entries: Score = field(default_factory=Score)
    dois: Score = field(default_factory=Score)
    links: Score = field(default_factory=Score)
    fields: dict[str, Score] = field(default_factory=lambda: {name: Score() for name in ARTICLE_FIELDS})
    by_method: dict[str, Score] = field(default_factory=dict)  # made links only: right (tp) and wrong (fp)
    # Wrong links whose source the markup cites in another sentence of the same paragraph (line).
    neighbour: dict[str, int] = field(default_factory=dict)
    # Wrong links whose sentence names the linked source's first author ("Slade & Spencer (5) specify..."): a
    # citation written as plain text, which the markup (and so the truth) does not mark.
    named: dict[str, int] = field(default_factory=dict)
    # True links that are a source's first citation: all that aligning a list in order of first citation
    # with the text can find when markers are gone (a source cited again leaves no trace of where).
    first_citations: int = 0
    no_source: int = 0
    seconds: float = 0.0


def _spans(text: str, start: int, entries: list[str]) -> list[tuple[int, int]]:
    """Where each parsed entry's text sits in the article, searching forward from the list's start."""
    spans = []
    cursor = start
    for raw in entries:
        at = text.find(raw, cursor)
        if at < 0:
            at = text.find(raw, start)
        if at < 0:
            spans.append((-1, -1))
            continue
        spans.append((at, at + len(raw)))
        cursor = at + len(raw)
    return spans


def _true_span(text: str, span: list[int]) -> tuple[int, int]:
    """A true entry's span without its printed label."""
    start, end = span
    label = _LABEL.match(text[start:end])
    return (start + label.end(), end) if label else (start, end)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union > 0 else 0.0


def _match_entries(predicted: list[tuple[int, int]], truth: list[tuple[int, int]]) -> dict[int, int]:
    """Predicted index -> true index, one to one, for pairs overlapping at least 0.8."""
    pairs = sorted(((_overlap(p, t), i, j) for i, p in enumerate(predicted) for j, t in enumerate(truth)
                    if p[0] < t[1] and t[0] < p[1]), reverse=True)
    matched: dict[int, int] = {}
    used: set[int] = set()
    for score, i, j in pairs:
        if score < 0.8 or i in matched or j in used:
            continue
        matched[i] = j
        used.add(j)
    return matched


def _score_article(text_path: Path, truth_path: Path, scores: RenderingScores) -> None:
    text = text_path.read_text(encoding="utf-8")
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    started = time.perf_counter()
    doc = article_stage.prepare(Article(path=text_path, text=text, format=ArticleFormat.TEXT, sha256="",
                                        size=len(text), title="", title_source=TitleSource.FILE_NAME))
    sources = [SourceInfo.of(n, e) for n, e in enumerate(doc.entries)]
    claims, links = stage.analyse(text, doc.references_line, sources)
    scores.seconds += time.perf_counter() - started
    if not doc.entries:
        scores.no_source += 1
    list_start = truth["article_chars"]
    predicted = _spans(text, list_start, [e.raw for e in doc.entries])
    true_refs = truth["references"]
    true_spans = [_true_span(text, r["span"]) for r in true_refs]
    matched = _match_entries(predicted, true_spans)
    scores.entries.add(len(matched), len(predicted) - len(matched), len(true_spans) - len(matched))
    for i, j in matched.items():
        _score_entry(doc.entries[i], true_refs[j], scores.fields)
    got = {e.doi.lower() for e in doc.entries if e.doi}
    want = {r["doi"] for r in true_refs if r["doi"]}
    scores.dois.add(len(got & want), len(got - want), len(want - got))
    # Links: (true sentence, true reference) pairs.
    true_links = {(c, j) for c, claim in enumerate(truth["claims"]) for j in claim["cited_ref_index"]}
    scores.first_citations += len({j for _, j in true_links})
    cited_on_line: set[tuple[int, int]] = {(text.count("\n", 0, claim["span"][0]), j)
                                           for claim in truth["claims"] for j in claim["cited_ref_index"]}
    by_position = {claim.position: claim for claim in claims}
    made = set()
    for each in links:
        claim = by_position[each.claim_position]
        span = (claim.start, claim.end)
        sentence = next((c for c, t in enumerate(truth["claims"]) if _overlap(span, tuple(t["span"])) >= 0.5), None)
        reference = matched.get(each.source_id)
        if (sentence, reference, each.claim_position, each.source_id) not in made:
            right_one = (sentence, reference) in true_links
            scores.by_method.setdefault(str(each.method), Score()).add(int(right_one), int(not right_one), 0)
            if not right_one and (text.count("\n", 0, claim.start), reference) in cited_on_line:
                scores.neighbour[str(each.method)] = scores.neighbour.get(str(each.method), 0) + 1
            family = sources[each.source_id].first_family
            if not right_one and family and fold(family) in fold(claim.text):
                scores.named[str(each.method)] = scores.named.get(str(each.method), 0) + 1
        made.add((sentence, reference, each.claim_position, each.source_id))
    right = {(s, r) for s, r, _, _ in made if (s, r) in true_links}
    scores.links.add(len(right), len(made) - sum(1 for s, r, _, _ in made if (s, r) in true_links),
                     len(true_links - right))


def _score_entry(entry: RefEntry, truth: dict[str, object], scores: dict[str, Score]) -> None:
    """One parsed entry's fields against the dev corpus's truth for it."""
    got = {"author": entry.authors[0].surname if entry.authors else None,
           "year": str(entry.year) if entry.year else None, "title": entry.title, "container": entry.container,
           "volume": entry.volume, "pages": entry.pages}
    want = {"author": truth["authors_first"], "year": str(truth["year"]) if truth["year"] else None,
            "title": truth["title"], "container": truth["journal"], "volume": truth["volume"],
            "pages": truth["pages"]}
    for name in ARTICLE_FIELDS:
        value, true = got[name], want[name]
        if name == "pages":
            value = re.sub(r"\s*[-–—]+\s*", "-", value) if value else None
            true = re.sub(r"\s*[-–—]+\s*", "-", str(true)) if true else None
        if _same(name, value, None if true is None else str(true)):
            scores[name].add(1, 0, 0)
        else:
            scores[name].add(0, int(value is not None), int(true is not None))


def _first_author(author: str) -> str:
    return re.split(r",|;|&| and ", author.strip(), maxsplit=1)[0].strip(" .")


def _first_family(author: str) -> str | None:
    """The first author's family name in AnyStyle's author text: "Bergk, V., ...", "O. Ambacher, ...",
    "Smith AB, ...", "Robert Tibshirani, ..." (given names first, the family last) or an organisation
    ("World Health Organization", kept whole)."""
    first = _first_author(author)
    words = first.split()
    if not words:
        return None
    if len(words) == 1 or re.fullmatch(r"(?:[A-Z]\.?-?){1,3}", words[-1]):
        return words[0]  # "Bergk" (inverted) or "Smith AB"
    particle = len(words) > 2 and words[-2][:1].islower()
    return " ".join(words[-2:]) if particle else words[-1]  # "A. J. van Doorn", "Robert Tibshirani"


def _gold_fields(sequence: ET.Element) -> tuple[str, dict[str, str | None]]:
    parts = [(child.tag, (child.text or "").strip()) for child in sequence]
    reference = " ".join(value for _, value in parts if value)
    tags = {tag: value for tag, value in reversed(parts)}  # the first of each tag
    year = re.search(r"(1[5-9]|20)\d{2}", tags.get("date", ""))
    volume = re.search(r"[A-Za-z]?\d+", tags.get("volume", ""))
    pages = re.search(r"[A-Za-z]?\d+(?:\s*[-–—]+\s*[A-Za-z]?\d+)?", tags.get("pages", ""))
    doi = re.search(r"10\.\d{4,9}/\S+", tags.get("doi", ""))
    return reference, {
        "author": _first_family(tags["author"]) if "author" in tags else None,
        # An organisation ("World Health Organization") is its whole name.
        "author_whole": _first_author(tags["author"]) if "author" in tags else None,
        "year": year.group() if year else None,
        "title": tags.get("title"),
        "container": tags.get("journal") or tags.get("container-title"),
        "publisher": tags.get("publisher"),
        "volume": volume.group() if volume else None,
        "pages": re.sub(r"\s*[-–—]+\s*", "-", pages.group()) if pages else None,
        "doi": doi.group().rstrip(".,;").lower() if doi else None,
    }


def _same(name: str, got: str | None, want: str | None) -> bool:
    if got is None or want is None:
        return False
    if name in ("title", "container", "publisher", "author"):
        a, b = fold(got), fold(want)
        return bool(a and b) and (a == b or fuzz.ratio(a, b) >= 90)
    if name == "pages":
        return re.sub(r"\s*[-–—]+\s*", "-", got) == want
    return got.lower() == want.lower()


def _score_saved_page(page: Path, truth_path: Path) -> tuple[Score, Score, Score]:
    """A saved HTML page read as a file (``refs ingest page.html``): its entries, its DOIs, and its links,
    each entry and sentence matched to the markup's by its text."""
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    refs = truth["references"]
    text = (truth_path.parent.parent / "text" / truth_path.with_suffix(".txt").name).read_text(encoding="utf-8")
    # The same list as the scraped rendering's: an entry is the listed reference whose text it is (the
    # saved page keeps link targets that the scraped text does not).
    listed = {j: fold(text[r["span"][0]:r["span"][1]]) for j, r in enumerate(refs)}
    article = article_stage.read(page)
    entries = article.entries
    matched: dict[int, int] = {}
    for i, entry in enumerate(entries):
        best = process.extractOne(fold(URL.sub("", entry.raw)), listed, scorer=fuzz.ratio)
        if best and best[1] >= 90:
            matched[i] = best[2]
            del listed[best[2]]
    got = {e.doi.lower() for e in entries if e.doi}
    wanted = {r["doi"] for r in refs if r["doi"]}
    found, dois, links = Score(), Score(), Score()
    found.add(len(matched), len(entries) - len(matched), len(refs) - len(matched))
    dois.add(len(got & wanted), len(got - wanted), len(wanted - got))
    sentences = [fold(text[c["span"][0]:c["span"][1]]) for c in truth["claims"]]
    true_links = {(c, j) for c, claim in enumerate(truth["claims"]) for j in claim["cited_ref_index"]}
    claims, made = stage.analyse(article.text, article.references_line,
                                 [SourceInfo.of(n, e) for n, e in enumerate(entries)])
    by_position = {claim.position: claim for claim in claims}
    pairs = set()
    for each in made:
        best = process.extractOne(fold(by_position[each.claim_position].text), sentences, scorer=fuzz.ratio)
        pairs.add((best[2] if best and best[1] >= 90 else None, matched.get(each.source_id), each.claim_position,
                   each.source_id))
    right = {(c, j) for c, j, _, _ in pairs if (c, j) in true_links}
    links.add(len(right), sum(1 for c, j, _, _ in pairs if (c, j) not in true_links), len(true_links - right))
    return found, dois, links


def _seen(training: Path) -> list[str]:
    """The training references' texts, read as the gold ones are."""
    return [_gold_fields(sequence)[0] for sequence in ET.parse(training).getroot().iter("sequence")]


def _score_fields(path: Path, scores: dict[str, Score], seen: list[str]) -> tuple[int, int]:
    """Score the parser on ``path``'s references that are not in ``seen``; returns (scored, left out)."""
    count = left_out = 0
    for sequence in ET.parse(path).getroot().iter("sequence"):
        reference, gold = _gold_fields(sequence)
        if process.extractOne(reference, seen, scorer=fuzz.ratio, score_cutoff=SEEN) is not None:
            left_out += 1
            continue
        entry = parse.parse(reference)
        predicted = {
            "author": entry.authors[0].surname if entry.authors else None,
            "year": str(entry.year) if entry.year else None, "title": entry.title, "container": entry.container,
            "publisher": entry.publisher,
            "volume": entry.volume, "pages": entry.pages, "doi": entry.doi,
        }
        for name in FIELDS:
            got, want = predicted[name], gold[name]
            if _same(name, got, want) or (name == "author" and _same(name, got, gold["author_whole"])):
                scores[name].add(1, 0, 0)
            else:
                scores[name].add(0, int(got is not None), int(want is not None))
        count += 1
    return count, left_out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--articles", type=int, default=0, help="only the first N articles (0: all)")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"accuracy: {args.corpus} not found (the dev corpus lives in ../shared/dev-corpus)")
    slugs = sorted({p.name.split(".")[0] for p in (args.corpus / "text").glob("*.txt")})
    if args.articles:
        slugs = slugs[: args.articles]
    print(f"dev corpus: {len(slugs)} articles")
    print(f"{'rendering':<10} {'measure':<8} scores")
    for rendering in RENDERINGS:
        scores = RenderingScores()
        for slug in slugs:
            _score_article(args.corpus / "text" / f"{slug}.{rendering}.txt",
                           args.corpus / "truth" / f"{slug}.{rendering}.json", scores)
        print(f"{rendering:<10} {'entries':<8} {scores.entries.row()}")
        print(f"{'':<10} {'DOIs':<8} {scores.dois.row()}")
        print(f"{'':<10} {'links':<8} {scores.links.row()}")
        true_links = scores.links.tp + scores.links.fn
        print(f"{'':<10} {'':<8}   first citations of a source: {scores.first_citations} of the {true_links} true "
              f"links ({scores.first_citations / max(1, true_links):.3f})")
        for method, score in sorted(scores.by_method.items()):
            print(f"{'':<10} {'':<8}   by {method}: {score.tp} right, {score.fp} wrong "
                  f"(precision {score.precision:.3f}; of the wrong, {scores.neighbour.get(method, 0)} link a source "
                  f"the markup cites elsewhere in the same paragraph, {scores.named.get(method, 0)} a source whose "
                  "first author the sentence names)")
        total = Score()
        for score in scores.fields.values():
            total.add(score.tp, score.fp, score.fn)
        print(f"{'':<10} {'fields':<8} {total.row()}")
        print(f"{'':<10} {'':<8}   " + ", ".join(f"{name} {score.f1:.3f}" for name, score in scores.fields.items()))
        print(f"{'':<10} {'':<8} articles with no source found: {scores.no_source}; {scores.seconds:.1f} s")
    pages = sorted((args.corpus / "articles").glob("*.html"))
    totals = [Score(), Score(), Score()]
    for page in pages:
        for total, score in zip(totals, _score_saved_page(page, args.corpus / "truth" / f"{page.stem}.scraped.json"),
                                strict=True):
            total.add(score.tp, score.fp, score.fn)
    print(f"saved HTML pages ({len(pages)}, read as files; an entry or a sentence is the markup's whose text it is)")
    for name, total in zip(("entries", "DOIs", "links"), totals, strict=True):
        print(f"{'':<10} {name:<8} {total.row()}")
    field_scores = {name: Score() for name in FIELDS}
    training = ROOT / "data" / "training" / "anystyle-core.xml"
    count, left_out = _score_fields(args.corpus / "references" / "gold.xml", field_scores, _seen(training))
    total = Score()
    print(f"AnyStyle gold, held out: {count} references ({left_out} left out as alike to one of "
          f"{training.name}'s, which the tagger (features v{tagger.FEATURES_VERSION}) was trained on), field by field")
    for name in FIELDS:
        print(f"  {name:<10} {field_scores[name].row()}")
        total.add(field_scores[name].tp, field_scores[name].fp, field_scores[name].fn)
    print(f"  {'all':<10} {total.row()}")
    kinds = Counter()
    for name in FIELDS:
        kinds[name] = field_scores[name].fn
    print("  most missed: " + ", ".join(f"{name} {n}" for name, n in kinds.most_common(3)))


if __name__ == "__main__":
    main()
