"""The ``refs`` command: parses options, calls the library, prints, maps errors to exit codes."""

from __future__ import annotations

import functools
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from cli import config, options
from cli.files import write_output
from cli.lazy import lazy
from refs.errors import InputError, LedgerError, RefsError
from refs.export import BINARY_FORMATS
from refs.export import ENTRY_FORMATS as CITE_FORMATS
from refs.export import FORMATS as EXPORT_FORMATS
from refs.export import TABLES as EXPORT_TABLES
from refs.model import IngestStatus
from refs.store.ledger import ENV_LIBRARY, RECOVERY, Damaged, Ledger, default_library, open_existing

# What only some commands need is imported when first used: start-up stays fast.
if TYPE_CHECKING:
    from cli import render, tables
    from refs import export as exporting
    from refs import pipeline
    from refs.check import check as check_stage
    from refs.check import report as check_report
    from refs.claims import lookup
    from refs.crossref import client as crossref_client
    from refs.store import articles, frames, maintenance, sources, works
    from refs.text import doi as doi_mod
else:
    render, tables = lazy("cli.render"), lazy("cli.tables")
    exporting = lazy("refs.export")
    pipeline = lazy("refs.pipeline")
    check_stage = lazy("refs.check.check")
    check_report = lazy("refs.check.report")
    lookup = lazy("refs.claims.lookup")
    crossref_client = lazy("refs.crossref.client")
    articles, frames = lazy("refs.store.articles"), lazy("refs.store.frames")
    maintenance, works = lazy("refs.store.maintenance"), lazy("refs.store.works")
    sources = lazy("refs.store.sources")
    doi_mod = lazy("refs.text.doi")

_TABLE_COLUMNS = {
    "articles": ["id", "n_sources", "format", "title"],
    "sources": ["article_id", "position", "kind", "authors", "year", "title", "doi", "status", "notice"],
}


# Options of the whole command that may also be written after the subcommand (refs build --library X).
_GLOBAL_VALUED = ("--library", "--color")
_GLOBAL_FLAGS = ("--debug", "--quiet", "-q")


class RefsGroup(click.Group):
    """Turns library errors into one line on stderr and an exit code; takes global options anywhere."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        moved: list[str] = []
        rest: list[str] = []
        index = 0
        while index < len(args):
            arg = args[index]
            if arg == "--":
                rest += args[index:]
                break
            if arg in _GLOBAL_VALUED and index + 1 < len(args):
                moved += args[index:index + 2]
                index += 2
                continue
            if arg in _GLOBAL_FLAGS or arg.startswith(tuple(f"{name}=" for name in _GLOBAL_VALUED)):
                moved.append(arg)
            else:
                rest.append(arg)
            index += 1
        return super().parse_args(ctx, moved + rest)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except RefsError as error:
            if ctx.find_root().params.get("debug"):
                raise
            click.echo(f"refs: error: {error}", err=True)
            ctx.exit(error.exit_code)
        except KeyboardInterrupt:
            if ctx.find_root().params.get("debug"):
                raise
            click.echo("\nrefs: interrupted; the ledger keeps what was finished (run the command again to "
                       "resume)", err=True)
            # Every ledger transaction has rolled back or committed by now; a request still in flight
            # on a worker thread would hold the exit until its timeout, so leave without waiting for it.
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(130)
        except Damaged as error:
            if ctx.find_root().params.get("debug"):
                raise
            click.echo(f"refs: error: {ctx.obj['library']}: the ledger is damaged ({error}); run 'refs doctor' to "
                       "check it and rebuild what can be rebuilt", err=True)
            ctx.exit(1)
        except BrokenPipeError:
            # The reader went away (refs ... | head): not an error.
            sys.stderr.close()
            ctx.exit(0)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as error:
            if ctx.find_root().params.get("debug"):
                raise
            click.echo(f"refs: internal error: {type(error).__name__}: {error} (rerun with --debug)", err=True)
            ctx.exit(1)


def _ledger(ctx: click.Context, *, create: bool = False, readonly: bool = False) -> Ledger:
    path: Path = ctx.obj["library"]
    ledger = Ledger(path, create=create, readonly=readonly)
    ctx.call_on_close(ledger.close)
    return ledger


@click.group(cls=RefsGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--library", type=click.Path(path_type=Path, dir_okay=False), envvar=ENV_LIBRARY,
    help=f"Ledger file (SQLite). Default: ${ENV_LIBRARY}, else {default_library()}.",
)
@click.option("--color", "color", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True, help="Colour in terminal output (NO_COLOR turns auto off).")
@click.option("-q", "--quiet", is_flag=True, help="No progress, notices or warnings on stderr; errors still.")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.version_option(package_name="refs")
@click.pass_context
def cli(ctx: click.Context, library: Path | None, color: str, quiet: bool, debug: bool) -> None:
    """refs keeps a ledger of articles, their reference lists and the works they cite.

    Global options may also follow the command (refs build --library X).
    Settings file: $REFS_CONFIG, else refs.toml in the user config directory
    (keys: library, mailto, format).

    \b
    Examples:
      refs build                              # ingest the bundled articles
      refs ingest draft.md page.html          # add your own articles
      refs articles
      refs sources --article verywell-health-emotional-detachment --format json
      refs --library team.sqlite sources --format csv > sources.csv
    """
    ctx.ensure_object(dict)
    ctx.obj["library"] = library or default_library()
    ctx.obj["quiet"] = quiet
    ctx.obj["color"] = color


def _quiet() -> bool:
    return bool(click.get_current_context().obj.get("quiet"))


def _echo_run(summary: pipeline.RunSummary) -> None:
    for result in summary.articles:
        for warning in result.warnings:
            if not _quiet():
                click.echo(f"refs: warning: {warning}", err=True)
    for line in render.ingest_lines(summary.articles):
        click.echo(line)


def _progress(label: str = "Resolving") -> pipeline.ProgressFactory | None:
    return None if _quiet() else functools.partial(render.progress, label=label)


def _crossref(offline: bool, mailto: str | None, refresh: bool = False) -> pipeline.Crossref:
    client = None if offline else crossref_client.CrossrefClient(crossref_client.Settings.from_env(mailto=mailto))
    if client is not None and not _quiet():
        client.seam.notify = render.network_notice
    return pipeline.Crossref(client, offline=offline, refresh=refresh)


def _close(crossref: pipeline.Crossref) -> None:
    if crossref.client is not None:
        crossref.client.close()


def _workers(jobs: int | None, count: int) -> int:
    """Worker processes for a run of ``count`` files: as asked, else one per core for a long run."""
    from refs import workers

    return workers.auto(count) if jobs is None else jobs


@cli.command("ingest")
@click.argument("files", nargs=-1, required=True, metavar="FILE|URL...")
@options.bibliography()
@options.jobs()
@click.pass_context
def ingest_command(ctx: click.Context, files: tuple[str, ...], bibliography: Path | None, jobs: int | None) -> None:
    """Add articles (plain text, Markdown or HTML files, or web pages by URL) to the ledger.

    An unchanged article is left as it is; a changed one replaces its earlier
    version. Every file is checked (and every page fetched) before anything
    is written. A page keeps its URL as its location.

    \b
    Examples:
      refs ingest article.txt
      refs ingest drafts/*.md saved-page.html
      refs ingest https://www.example.org/health/emotional-detachment
      refs ingest draft.md --bibliography refs.bib
      refs ingest --jobs 4 corpus/*.html
    """
    ledger = _ledger(ctx, create=True)
    summary = pipeline.run(ledger, pipeline.read(list(files), bibliography), workers=_workers(jobs, len(files)),
                           reading=_progress("Ingesting"))
    _echo_run(summary)
    if summary.claims is not None:
        click.echo(render.claims_line(summary.claims))


@cli.command("build")
@click.option(
    "--articles", type=click.Path(path_type=Path, file_okay=False),
    help="Directory of articles to ingest. Default: the bundled articles (data/articles).",
)
@options.offline()
@options.mailto()
@options.jobs()
@click.pass_context
def build_command(ctx: click.Context, articles: Path | None, offline: bool, mailto: str | None,
                  jobs: int | None) -> None:
    """Build the ledger from the bundled articles (the main job) and print a summary.

    Ingests the articles, then resolves their sources through Crossref. Without
    network every source keeps its reference-text metadata and a status that
    says why it is unresolved.

    \b
    Examples:
      refs build
      refs build --offline
      refs --library /tmp/ledger.sqlite build --articles my-articles/ --mailto me@example.org
    """
    ledger = _ledger(ctx, create=True)
    crossref = _crossref(offline, mailto)
    try:
        summary = pipeline.build(ledger, articles, crossref, progress=_progress(), workers=jobs,
                                 reading=_progress("Ingesting"))
    finally:
        _close(crossref)
    _echo_run(summary)
    click.echo(
        f"{len(summary.articles)} articles ({summary.count(IngestStatus.ADDED)} added, "
        f"{summary.count(IngestStatus.REPLACED)} replaced, {summary.count(IngestStatus.UNCHANGED)} unchanged), "
        f"{summary.n_sources} sources, {summary.n_dois} DOIs -> {ledger.path}"
    )
    assert summary.resolved is not None and summary.claims is not None
    for line in render.resolve_lines(summary.resolved):
        click.echo(line)
    click.echo(render.claims_line(summary.claims))


@cli.command("resolve")
@options.offline("Make no request; resolve from the ledger's cache only.")
@click.option("--refresh", is_flag=True, help="Fetch again even what the cache holds.")
@options.mailto()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text for people, json (one object) for programs.")
@click.pass_context
def resolve_command(ctx: click.Context, offline: bool, refresh: bool, mailto: str | None, fmt: str) -> None:
    """Resolve every source through Crossref and print a summary.

    DOIs are fetched in batches; references without DOI are searched and
    accepted only when title, first author and year agree. Raw answers are
    cached in the ledger: nothing is fetched twice. The API base URL comes
    from $REFS_CROSSREF_URL (default: the public API).

    \b
    Examples:
      refs resolve --mailto me@example.org
      refs resolve --offline --format json
      refs resolve --refresh
    """
    ledger = _ledger(ctx, create=False)
    crossref = _crossref(offline, mailto, refresh)
    try:
        summary = pipeline.resolve(ledger, crossref, progress=_progress())
    finally:
        _close(crossref)
    # Abstracts may have arrived: check the figures again.
    claims = pipeline.claims(ledger, workers=_workers(None, articles.count(ledger)))
    if fmt == "json":
        click.echo(json.dumps(summary.as_dict() | {"claims": claims.__dict__}, indent=2))
    else:
        for line in render.resolve_lines(summary):
            click.echo(line)
        click.echo(render.claims_line(claims))


@cli.command("show")
@click.argument("doi")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def show_command(ctx: click.Context, doi: str, fmt: str) -> None:
    """Show a work: its record, its authors, notices, and the sources citing it.

    \b
    Examples:
      refs show 10.2147/PPA.S110632
      refs show https://doi.org/10.1136/bmj.h6161 --format json
    """
    normal = doi_mod.normalize(doi)
    if normal is None:
        raise InputError(f"{doi!r} is not a DOI (expected 10.NNNN/...)")
    view = works.view(_ledger(ctx, readonly=True), normal)
    if view is None:
        raise InputError(f"no work with DOI {normal} in the ledger (see 'refs sources')")
    if fmt == "json":
        click.echo(json.dumps(view, ensure_ascii=False, indent=2))
        return
    click.echo(render.work_text(view))


@cli.command("articles")
@options.table_format()
@click.pass_context
def articles_command(ctx: click.Context, fmt: str) -> None:
    """List the articles in the ledger.

    \b
    Examples:
      refs articles
      refs articles --format json | jq '.[].id'
    """
    frame = frames.table(_ledger(ctx, readonly=True), "articles")
    if fmt == "table":
        frame = frame[_TABLE_COLUMNS["articles"]]
    click.echo(tables.render(frame, fmt))


@cli.command("sources")
@options.article("Only this article's sources.")
@options.table_format()
@click.pass_context
def sources_command(ctx: click.Context, article_id: str | None, fmt: str) -> None:
    """List reference-list entries (one row per entry per article).

    \b
    Examples:
      refs sources
      refs sources --article verywell-health-emotional-detachment --format json
      refs sources --format csv > sources.csv
    """
    ledger = _ledger(ctx, readonly=True)
    if fmt == "table":
        columns = _TABLE_COLUMNS["sources"]
        frame = frames.sources_listing(ledger, article_id)
        click.echo(tables.render(frame[columns[1:] if article_id else columns], fmt))
        return
    articles.require(ledger, article_id)
    rows = sources.listing(ledger, article_id)  # streamed: any number of rows in constant memory
    if fmt == "json":
        tables.write_json_rows(rows, ("field_methods", "evidence", "disagreements"))
    else:
        tables.write_csv_rows(rows)


@cli.command("claims")
@click.argument("query", required=False)
@click.option("--unsourced", is_flag=True, help="Only claims with no source.")
@options.article("Only this article's claims.")
@click.option("--source", "source_doi", metavar="DOI", help="Only claims linked to the work with this DOI.")
@click.option("--person", metavar="NAME", help="Only claims quoting or attributed to this person.")
@click.option("--author", metavar="NAME|KEY", help="Only claims citing a work by this author (or citation key).")
@click.option("--year", type=int, metavar="YEAR", help="Only claims citing a work from this year.")
@click.option("--limit", type=click.IntRange(1, 100_000), default=50, show_default=True,
              help="At most this many claims (how many match in all is said on stderr).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="table for people, json for programs: {total, shown, ranked, claims: [...]}.")
@click.pass_context
def claims_command(ctx: click.Context, query: str | None, unsourced: bool, article_id: str | None,
                   source_doi: str | None, person: str | None, author: str | None, year: int | None, limit: int,
                   fmt: str) -> None:
    """Find claims by figure or by words (any order), best match first.

    Each claim is shown with its article, its sources (citation key, authors,
    year, title, DOI), how each link was made and how sure it is, and whether
    the source's abstract bears the figures out.

    \b
    Examples:
      refs claims "64.5%"
      refs claims "antidepressants emotionally numb"
      refs claims --unsourced --format json
      refs claims --source 10.2147/PPA.S110632
      refs claims --author Cartwright --year 2016
      refs claims --person Levine
    """
    ledger = _ledger(ctx, readonly=True)
    articles.require(ledger, article_id)
    page = lookup.find(ledger, query, unsourced=unsourced, article=article_id, source_doi=source_doi,
                       person=person, author=author, year=year, limit=limit)
    found, total = page.claims, page.total
    if page.ranked < total and not _quiet():
        click.echo(f"refs: showing {len(found)} of {total} claims, the best of the newest {page.ranked}"
                   " (add words to narrow the search)", err=True)
    elif total > len(found) and not _quiet():
        click.echo(f"refs: showing {len(found)} of {total} claims (use --limit to see more)", err=True)
    if fmt == "json":
        click.echo(json.dumps({"total": total, "shown": len(found), "ranked": page.ranked, "claims": found},
                              ensure_ascii=False, indent=2))
    else:
        click.echo(render.claims_text(found))
    if not found:
        ctx.exit(1)  # like grep: nothing found


@cli.command("check")
@click.argument("draft", type=click.Path(path_type=Path, allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
              help="Write the report to FILE ('-': stdout).")
@options.offline("Do not contact Crossref; use what the ledger has cached.")
@click.option("--add", is_flag=True, help="Also add the draft to the ledger as an article.")
@options.bibliography()
@options.mailto()
@click.pass_context
def check_command(ctx: click.Context, draft: Path, fmt: str, output: Path | None, offline: bool, add: bool,
                  bibliography: Path | None, mailto: str | None) -> None:
    """Fact-check a draft (Markdown, text or HTML) against the ledger and its sources.

    Every claim gets a status (supported, rounded, figure_mismatch, unsourced,
    cites_problem_source, unverified) with its evidence; every reference entry
    one too (ok, not_found, metadata_mismatch, retracted, corrected, unmatched,
    could_not_check, web_source). A draft is never compared with its own
    claims (added earlier with --add). Exit status: 0 everything checked and
    nothing wrong, 1 problems found, 2 usage error, 3 nothing wrong found but
    some references could not be checked (the report says so first).

    \b
    Examples:
      refs check draft.md
      refs check draft.md --format html -o report.html
      refs check draft.md --format json --offline | jq .summary
      pandoc draft.docx -t markdown | refs check -
      refs check draft.md --bibliography refs.bib
    """
    if str(draft) == "-":
        if add:
            raise InputError("--add needs a draft file (a draft read from stdin has no file to keep)")
        with tempfile.TemporaryDirectory(prefix="refs-stdin-") as folder:
            stdin = Path(folder) / "stdin.md"
            stdin.write_bytes(sys.stdin.buffer.read())
            _check(ctx, stdin, "-", fmt, output, offline, add, mailto, bibliography)
        return
    _check(ctx, draft, str(draft), fmt, output, offline, add, mailto, bibliography)


def _check(ctx: click.Context, draft: Path, shown: str, fmt: str, output: Path | None, offline: bool, add: bool,
           mailto: str | None, bibliography: Path | None) -> None:
    library_path: Path = ctx.obj["library"]
    library = None
    if add:
        library = Ledger(library_path, create=True)
    elif library_path.exists():
        # Read-only unless it can be written: then what the check fetches is cached in it for next time.
        library = open_existing(library_path)
    if library is not None:
        ctx.call_on_close(library.close)
    crossref = _crossref(offline, mailto)
    try:
        report = check_stage.check(draft, library, crossref, add=add, bibliography=bibliography)
    finally:
        _close(crossref)
    report.path = shown
    coloured = output is None and render.use_colour(ctx.obj["color"], sys.stdout.isatty())
    if fmt == "json":
        text = check_report.to_json(report)
    elif fmt == "html":
        text = check_report.to_html(report)
    elif coloured:
        text = check_report.to_text(report, render.ansi)
    else:
        text = check_report.to_text(report)
    if output is None:
        click.echo(text, color=coloured)
    else:
        write_output(output, text + ("\n" if not text.endswith("\n") else ""))
    ctx.exit(report.exit_status)


@cli.command("export")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True,
              help="bibtex, biblatex, ris or csl-json: one entry per cited work; csv, jsonl or parquet: a tidy "
                   "table.")
@click.option("--table", type=click.Choice(EXPORT_TABLES), default="sources",
              show_default=True, help="Which table, for csv, jsonl or parquet.")
@options.article("Only what this article cites (or claims).")
@click.option("--annotate", is_flag=True,
              help="Add how many ledger claims rest on each work (BibTeX annote, RIS N1, CSL annote).")
@click.option("--excel", is_flag=True, help="Start a CSV with a byte-order mark, so Excel reads it as UTF-8.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
              help="Write to FILE (atomically; through a symlink to its target; '-': stdout).")
@click.pass_context
def export_command(ctx: click.Context, fmt: str, table: str, article_id: str | None, annotate: bool, excel: bool,
                   output: Path | None) -> None:
    """Export the ledger for LaTeX, pandoc, Zotero, a spreadsheet or pandas.

    Bibliography entries are written from each work's Crossref record (or
    its reference text) and carry retraction and correction notices where
    styles print them; with --annotate, also how many ledger claims each
    work supports. Read a CSV back with pandas.read_csv(path, dtype=str,
    keep_default_na=False), so that cells such as "NA" stay text.

    \b
    Examples:
      refs export --format bibtex -o refs.bib
      refs export --format csl-json --article verywell-health-emotional-detachment > refs.json
      refs export --format csv --table claims --excel -o claims.csv
      refs export --format parquet --table works -o works.parquet
      refs export --format jsonl --table links | jq .method
      refs export --format ris -o library.ris
    """
    if excel and fmt != "csv":
        raise InputError("--excel goes with --format csv")
    if fmt in BINARY_FORMATS and output is None and sys.stdout.isatty():
        raise InputError(f"{fmt} is binary: write it to a file with -o FILE (or pipe it)")
    data = exporting.export(_ledger(ctx, readonly=True), fmt, table=table, article=article_id, annotate=annotate,
                            excel=excel)
    write_output(output or Path("-"), data)


@cli.command("cite")
@click.argument("keys", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(CITE_FORMATS), default="bibtex", show_default=True,
              help="The entry format.")
@click.option("--annotate", is_flag=True, help="Add how many ledger claims rest on each work.")
@click.pass_context
def cite_command(ctx: click.Context, keys: tuple[str, ...], fmt: str, annotate: bool) -> None:
    """Print the entries for citation KEYS, to paste into a draft's bibliography.

    \b
    Examples:
      refs cite cartwright2016longterm
      refs cite cartwright2016longterm sonnentag2015recovery --format csl-json
      refs cite cartwright2016longterm --format ris | pbcopy
    """
    click.echo(exporting.cite(_ledger(ctx, readonly=True), list(keys), fmt, annotate=annotate), nl=False)


@cli.command("keys")
@click.option("--regenerate", is_flag=True,
              help="Make every key again from the formula, in DOI order (changes keys documents may cite).")
@options.table_format()
@click.pass_context
def keys_command(ctx: click.Context, regenerate: bool, fmt: str) -> None:
    """List citation keys: what each was made from, and whether the formula still gives it.

    A key is made once, from the Crossref record when there is one (else
    from the reference text, and made again once when the record is
    found), as first author + year + first title word, with a, b, ...
    for clashes in DOI order. It then stays; 'current' says whether the
    formula would still give it. --regenerate makes them all again.

    \b
    Examples:
      refs keys
      refs keys --format json | jq '.[] | select(.current | not)'
      refs keys --regenerate
    """
    ledger = _ledger(ctx, readonly=not regenerate)
    if regenerate:
        with ledger.transaction():
            changed = works.regenerate_keys(ledger.conn)
        for old, new in changed:
            click.echo(f"{old} -> {new}")
        if not ctx.obj["quiet"]:
            click.echo(f"{len(changed)} citation keys changed", err=True)
        return
    frame = tables.from_rows(works.keys(ledger), ["citation_key", "doi", "made_from", "formula_key", "current"])
    click.echo(tables.render(frame, fmt))


@cli.command("add")
@click.argument("dois", nargs=-1, required=True)
@options.offline("Do not contact Crossref; use what the ledger has cached.")
@options.mailto()
@click.pass_context
def add_command(ctx: click.Context, dois: tuple[str, ...], offline: bool, mailto: str | None) -> None:
    """Add works by DOI, straight from Crossref, without an article.

    They are kept as the reference list of the pseudo-article 'added-works',
    so listings, exports and checks see them like any cited work.

    \b
    Examples:
      refs add 10.2147/PPA.S110632
      refs add https://doi.org/10.1136/bmj.h6161 doi:10.1371/journal.pone.0033693
    """
    ledger = _ledger(ctx, create=True)
    crossref = _crossref(offline, mailto)
    try:
        summary, wanted = pipeline.add_works(ledger, list(dois), crossref)
    finally:
        _close(crossref)
    rows = {row["doi"]: row for row in sources.listing(ledger, pipeline.ADDED_WORKS)}
    for doi in wanted:
        row = rows.get(doi, {})
        reason = f" ({row['status_reason']})" if row.get("status_reason") else ""
        click.echo(f"{row.get('status', 'pending'):<16} {doi}  {row.get('title') or ''}{reason}")
    if summary.resolved and summary.resolved.network_problem:
        for line in render.resolve_lines(summary.resolved)[1:]:
            click.echo(line)


@cli.command("remove")
@click.argument("article_ids", nargs=-1, required=True, metavar="ARTICLE...")
@click.pass_context
def remove_command(ctx: click.Context, article_ids: tuple[str, ...]) -> None:
    """Remove articles (with their sources and claims) from the ledger.

    Works no remaining article cites are removed too; cached Crossref answers stay.

    \b
    Examples:
      refs remove verywell-health-emotional-detachment
      refs remove added-works
    """
    ledger = _ledger(ctx)
    for article_id in article_ids:
        articles.require(ledger, article_id)
    for article_id in article_ids:
        click.echo(f"removed   {article_id}  {articles.remove(ledger, article_id)} sources")


@cli.command("doctor")
@click.pass_context
def doctor_command(ctx: click.Context) -> None:
    """Check the ledger file and rebuild the claim index; say how to recover a damaged ledger.

    Exit status 0 when the ledger is sound, 1 when it is damaged.

    \b
    Examples:
      refs doctor
      refs --library team.sqlite doctor
    """
    path: Path = ctx.obj["library"]
    try:
        ledger = open_existing(path)
    except LedgerError as error:
        click.echo(f"refs: {error}", err=True)
        ctx.exit(1 if "damaged" in str(error) else error.exit_code)
    ctx.call_on_close(ledger.close)
    health = maintenance.doctor(ledger)
    click.echo(f"{path}: schema {ledger.schema_version}; " + ", ".join(f"{n} {t}" for t, n in health.counts.items()))
    click.echo("claim index rebuilt" if health.index_rebuilt else "claim index not rebuilt (ledger read-only)")
    if health.sound:
        click.echo("integrity: ok")
        return
    for problem in health.integrity[:20]:
        click.echo(f"integrity: {problem}")
    if health.foreign_key_problems:
        click.echo(f"foreign keys: {health.foreign_key_problems} broken references")
    click.echo(f"the ledger is damaged. To recover: {RECOVERY}")
    ctx.exit(1)


@cli.command("completion")
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
def completion_command(shell: str) -> None:
    """Print the shell-completion script for SHELL.

    \b
    Examples:
      eval "$(refs completion bash)"          # in ~/.bashrc
      refs completion fish > ~/.config/fish/completions/refs.fish
    """
    from click.shell_completion import get_completion_class

    completion_class = get_completion_class(shell)
    assert completion_class is not None
    click.echo(completion_class(cli, {}, "refs", "_REFS_COMPLETE").source())


def main() -> None:
    """Console-script entry point: the settings file's defaults, then the command line."""
    try:
        defaults = config.default_map(config.load())
    except RefsError as error:
        click.echo(f"refs: error: {error}", err=True)
        sys.exit(error.exit_code)
    cli(obj={}, default_map=defaults)
