"""Documents to ingest and the raw tables they are parsed into."""

import dagster as dg
import duckdb

from .. import ingest
from ..load.schema import TABLES
from ..parse import PARSER_VERSION
from ..progress import progress_bar
from ..publish import start_build
from ..scrape.crawl import CrawlReport, SourceCrawler
from ..scrape.fetch import PoliteClient
from ..sources import load_sources
from .resources import NoticesSettings

RAW_KEYS = [dg.AssetKey(["raw", table]) for table in TABLES]


@dg.asset(group_name="ingest", description="Crawl every configured site: list pages, new articles, attachments.")
def scraped_pages(context: dg.AssetExecutionContext, notices: NoticesSettings) -> list[CrawlReport]:
    settings = notices.resolved()
    sources = load_sources(settings.sources_file)
    known: dict[str, str] = {}
    if settings.published_path.exists():
        with duckdb.connect(str(settings.published_path), read_only=True) as connection:
            known = ingest.known_pages(connection)
    reports = []
    client = PoliteClient(sources.crawl)
    try:
        for source in sources.sources:
            crawler = SourceCrawler(source, client, settings.pages_dir, settings.data_dir, known, context.log.info)
            reports.append(crawler.run())
    finally:
        client.close()
    per_source = {
        r.source: {
            "listed": r.count("new", "unchanged", kind="list"),
            "fetched": r.count("new", "unchanged"),
            "new": r.count("new"),
            "unchanged": r.count("unchanged", "skipped_known"),
            "failed": r.count("failed", "robots_forbidden"),
        }
        for r in reports
    }
    for name, counts in per_source.items():
        context.log.info(f"{name}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    context.add_output_metadata({"per_source": dg.MetadataValue.json(per_source)})
    return reports


@dg.asset(
    group_name="ingest", description="Every notice file of the local folders and of this run's crawl, by content hash."
)
def source_documents(
    context: dg.AssetExecutionContext, scraped_pages: list[CrawlReport], notices: NoticesSettings
) -> list[ingest.DocumentRef]:
    settings = notices.resolved()
    refs = ingest.scan(settings, load_sources(settings.sources_file), [report.documents for report in scraped_pages])
    context.log.info(f"documents seen: {len(refs)}")
    context.add_output_metadata({"documents_seen": len(refs)})
    return refs


@dg.multi_asset(
    specs=[
        dg.AssetSpec(key, group_name="ingest", deps=["source_documents", "scraped_pages"], skippable=True)
        for key in RAW_KEYS
    ],
    description="Parse new documents (or all, for a new parser version) into the raw tables of the build file.",
)
def raw_tables(  # type: ignore[no-untyped-def]
    context: dg.AssetExecutionContext,
    source_documents: list[ingest.DocumentRef],
    scraped_pages: list[CrawlReport],
    notices: NoticesSettings,
):
    settings = notices.resolved()
    fetches = [record for report in scraped_pages for record in report.fetches]
    pending, up_to_date = ingest.pending_against_published(settings, source_documents)
    if not pending and not fetches and up_to_date:
        context.log.info("nothing new: the published warehouse is up to date")
        return
    start_build(settings)
    with (
        settings.connect_build() as connection,
        progress_bar("parsing", len(pending), notices.progress_bars, "documents") as advance,
    ):
        report = ingest.ingest_documents(connection, pending, settings.limits, source_documents, fetches, advance)
    context.log.info(
        f"parsed {report.documents - report.failed} of {len(pending)} new documents "
        f"({report.failed} failed) in {report.parse_seconds:.1f} s, loaded in {report.load_seconds:.1f} s"
    )
    for key in RAW_KEYS:
        yield dg.MaterializeResult(
            asset_key=key,
            metadata={
                "rows_written": report.written.get(key.path[-1], 0),
                "documents_new": len(pending),
                "documents_failed": report.failed,
                "parse_seconds": round(report.parse_seconds, 2),
                "load_seconds": round(report.load_seconds, 2),
                "parser_version": PARSER_VERSION,
            },
        )
