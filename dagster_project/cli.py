"""`notices`: the terminal face of the pipeline. Every command calls the same library as the assets."""

from __future__ import annotations

import gc
import json
import logging
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from .documents import (
    DEFAULT_MAX_BYTES,
    DEFAULT_TIMEOUT_SECONDS,
    DocumentFailure,
    Limits,
    check_regular,
    display_path,
    parse_bounded,
)

if TYPE_CHECKING:
    from .settings import Settings

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)


@app.callback()
def main() -> None:
    """A data warehouse of China's inspection-rectification notices."""
    # Libraries (pdfminer, trafilatura) log their own complaints about bad input; the user gets ours,
    # one line per problem, and every repair is listed in the notice's `warnings`.
    logging.getLogger().addHandler(logging.NullHandler())


def fail(message: str) -> NoReturn:
    """One line on stderr and a non-zero exit: users never see a traceback."""
    typer.echo(f"notices: error: {message}", err=True)
    raise typer.Exit(code=1)


@app.command()
def parse(
    path: Path = typer.Argument(..., help="A notice: .txt, .html/.htm, .pdf or .docx"),
    max_mb: float = typer.Option(DEFAULT_MAX_BYTES / 1024**2, help="Refuse documents larger than this (MB)."),
    timeout: float = typer.Option(DEFAULT_TIMEOUT_SECONDS, help="Give up after this many seconds."),
) -> None:
    """Parse one notice and print every fact in it as one JSON object."""
    limits = Limits(max_bytes=int(max_mb * 1024**2), timeout_seconds=timeout, workers=1)
    try:
        check_regular(path, limits.max_bytes)  # before a worker starts: /dev/zero is refused at once
    except DocumentFailure as failure:
        fail(f"{display_path(path)}: {failure.reason}")
    [(_, outcome)] = parse_bounded([(path, None)], limits)
    if outcome.notice is None:
        fail(f"{display_path(path)}: {outcome.reason}")
    else:
        sys.stdout.write(json.dumps(outcome.notice.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n")


@app.command()
def prepare() -> None:
    """Prepare the dbt manifest (dbt parse) that the Dagster definitions load."""
    from .run import prepare_dbt_manifest

    prepare_dbt_manifest()
    typer.echo("dbt manifest prepared")


@app.command()
def run(
    verbose: bool = typer.Option(False, "--verbose", help="Show Dagster's full log and tracebacks."),
    workers: int = typer.Option(
        1, "--workers", min=1, help="Crawl this many configured sites at a time, each in its own process."
    ),
) -> None:
    """Run the nightly job in-process: ingest, parse, build the marts, check, publish."""
    started = time.perf_counter()
    from .settings import SettingsError, check_writable, load_settings
    from .sources import SourcesError, load_sources

    # Checked before Dagster starts (15 s): a typo in the sources file costs a second, not a run.
    try:
        settings = load_settings()
        sources = load_sources(settings.sources_file)
        check_writable(settings)
    except (SettingsError, SourcesError) as error:
        fail(f"{error} (nothing was run; the published warehouse is unchanged)")
    from .run import RunFailed, run_if_needed

    typer.echo(f"notices run: data dir {settings.data_dir}")
    try:
        summary = run_if_needed(settings, sources, verbose=verbose, workers=workers)
    except RunFailed as error:
        fail(str(error))
    except SourcesError as error:
        fail(f"{error} (the published warehouse is unchanged)")
    except Exception as error:
        if verbose:
            raise
        fail(
            f"unexpected {type(error).__name__}: {' '.join(str(error).split())[:300]} "
            "(the published warehouse is unchanged; --verbose shows the traceback)"
        )
    typer.echo(
        f"documents: {summary.documents_seen} seen, {summary.documents_new} new, "
        f"{summary.documents_parsed} parsed, {summary.documents_failed} failed"
        + (
            f" ({summary.documents_parsed_ahead} parsed by their crawl partitions)"
            if summary.documents_parsed_ahead
            else ""
        )
    )
    stages = ", ".join(f"{stage} {seconds:.1f}" for stage, seconds in summary.stage_seconds.items())
    typer.echo(f"seconds: {stages}; {time.perf_counter() - started:.1f} in all")
    state = "published" if summary.published else "unchanged (nothing new)"
    typer.echo(f"warehouse {state}: {settings.published_path}")
    if summary.report_remade:
        typer.echo("report made again: it did not show the published warehouse (or its code changed)")
    typer.echo(f"marts: {summary.notices_in_marts} notices, {summary.issues_in_marts} issues")
    if summary.published:
        typer.echo(f"data quality: {summary.findings} findings in quality.notice_findings")
    if summary.failed_sources:  # the rest was built and published: a down site is not a failed night
        failed = "; ".join(f"{name} ({reason})" for name, reason in summary.failed_sources.items())
        typer.echo(f"sources not crawled: {failed}")
    # The interpreter's last collection at exit walks the whole heap (1.2 s after a +100 night);
    # frozen, it does not. Nothing is left to close by it: every file and connection is closed.
    gc.freeze()


SEARCH_LIMIT = 20


def published_settings() -> Settings:
    """The settings, for a command that reads the published warehouse: one line if there is none."""
    from .settings import SettingsError, load_settings

    try:
        settings = load_settings()
    except SettingsError as error:
        fail(str(error))
    if not settings.published_path.exists():
        fail(f"no published warehouse at {settings.published_path}; `notices run` builds it")
    return settings


@app.command()
def search(
    query: str = typer.Argument(..., help="What to look for, as written: 债务, 违规吃喝, 政府 债务"),
    as_json: bool = typer.Option(False, "--json", help="Print the hits as a JSON array."),
    limit: int = typer.Option(SEARCH_LIMIT, "--limit", min=1, help="At most this many hits."),
) -> None:
    """Problems and measures of the published warehouse that match QUERY, best first (BM25)."""
    import duckdb

    from .search import hits_as_json, query_words
    from .search import search as search_hits

    if not query_words(query):
        fail(f"the query {query!r} has no word to search for")
    published = published_settings().published_path
    with duckdb.connect(str(published), read_only=True) as connection:
        try:
            hits = search_hits(connection, query, limit)
        except duckdb.CatalogException:
            fail(f"{published} has no search index; `notices run` builds it")
    if as_json:
        typer.echo(json.dumps(hits_as_json(hits), ensure_ascii=False, indent=2))
        return
    if not hits:
        typer.echo(f"no problem or measure matches {query!r} (words: {' '.join(query_words(query))})")
        return
    for rank, hit in enumerate(hits, start=1):
        where = f"problem {hit.issue_seq}" if hit.measure_seq is None else f"measure {hit.issue_seq}.{hit.measure_seq}"
        typer.echo(f"{rank}. {hit.issue_title}  [{where}, {hit.status or 'no status'}, score {hit.score:.2f}]")
        date = hit.notice_date.isoformat() if hit.notice_date else "no date"
        typer.echo(f"   {hit.notice_title or 'untitled'} · {hit.issuer or 'no issuer'} · {date}")
        typer.echo(f"   {hit.terminal_snippet()}")


@app.command()
def report() -> None:
    """Build the static report of the published warehouse into <data dir>/report/."""
    import duckdb

    from .report import build_data_dir_report

    settings = published_settings()
    try:
        summary = build_data_dir_report(settings)
    except (duckdb.Error, OSError) as error:
        fail(
            f"{type(error).__name__}: {' '.join(str(error).split())[:300]} (the previous report, if any, is unchanged)"
        )
    typer.echo(f"report: {summary.out_dir / 'index.html'}")
    typer.echo(
        f"pages: {summary.pages} ({summary.notice_pages} notices, {summary.organization_pages} organisations; "
        f"{summary.pages_linked} unchanged, linked from the previous report); "
        f"{summary.notices_disagreeing} notices whose numbers disagree"
    )


@app.command()
def docs() -> None:
    """Build dbt's docs site (with the catalog) of the published warehouse into <data dir>/dbt_docs/."""
    from .dbt_docs import DocsFailed, build_dbt_docs

    settings = published_settings()
    try:
        site = build_dbt_docs(settings)
    except DocsFailed as error:
        fail(f"{error} (the previous docs, if any, are unchanged)")
    typer.echo(f"dbt docs: {site / 'static_index.html'} (opens from file://; `index.html` for a web server)")


if __name__ == "__main__":
    app()
