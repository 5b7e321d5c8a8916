"""Documents to ingest and the raw tables they are parsed into."""

import dagster as dg
from pydantic import Field

from .. import ingest
from ..load.schema import TABLES
from ..parse import PARSER_VERSION
from ..progress import progress_bar
from ..publish import start_build
from ..scrape.crawl import CrawlReport
from ..scrape.fetch import PoliteClient
from ..scrape.gate import hosts_dir
from ..scrape.reports import crawl_source, load_report, source_counts
from ..sources import load_sources
from .resources import NoticesSettings

RAW_KEYS = [dg.AssetKey(["raw", table]) for table in TABLES]


class ScrapeConfig(dg.Config):
    from_crawl_files: bool = Field(
        default=False,
        description="The sources were crawled by their partitions of crawled_source (`notices run --workers N`): "
        "read their crawl files (raw/crawls/) instead of crawling here.",
    )


@dg.asset(
    group_name="ingest",
    description="Crawl every configured site in turn (list pages, new articles, attachments), or read the "
    "crawl files their partitions of crawled_source wrote.",
)
def scraped_pages(
    context: dg.AssetExecutionContext, config: ScrapeConfig, notices: NoticesSettings
) -> list[CrawlReport]:
    settings = notices.resolved()
    sources = load_sources(settings.sources_file)
    if config.from_crawl_files:
        # A source whose partition crashed before saving has last night's file or none: fetch rows
        # are replaced by key and documents loaded by their id, so reading an old file loads nothing twice.
        saved = [load_report(settings.raw_dir, source.name) for source in sources.sources]
        reports = [report for report in saved if report is not None]
    else:
        known = ingest.published_known_pages(settings)
        client = PoliteClient(sources.crawl, hosts_dir(settings.raw_dir))
        try:
            reports = [crawl_source(source, client, settings, known, context.log.info) for source in sources.sources]
        finally:
            client.close()
    per_source = {report.source: source_counts(report) for report in reports}
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
    began = start_build(settings)
    context.log.info(f"build file: {began}")
    with (
        settings.connect_build() as connection,
        progress_bar("parsing", len(pending), notices.progress_bars, "documents") as advance,
    ):
        report = ingest.ingest_documents(
            connection, pending, settings.limits, source_documents, fetches, advance, settings.raw_dir
        )
    context.log.info(
        f"parsed {report.documents - report.failed} of {len(pending)} new documents "
        f"({report.failed} failed, {report.parsed_ahead} parsed ahead by their crawl partitions) "
        f"in {report.parse_seconds:.1f} s, loaded in {report.load_seconds:.1f} s"
    )
    for key in RAW_KEYS:
        yield dg.MaterializeResult(
            asset_key=key,
            metadata={
                "rows_written": report.written.get(key.path[-1], 0),
                "documents_new": len(pending),
                "documents_failed": report.failed,
                "documents_parsed_ahead": report.parsed_ahead,
                "parse_seconds": round(report.parse_seconds, 2),
                "load_seconds": round(report.load_seconds, 2),
                "build_began_as": began,
                "parser_version": PARSER_VERSION,
            },
        )
