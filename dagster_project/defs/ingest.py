"""Documents to ingest and the raw tables they are parsed into."""


import duckdb
import dagster as dg

from .. import ingest
from ..load.schema import TABLES
from ..parse import PARSER_VERSION
from ..publish import code_fingerprint, published_fingerprint, start_build
from ..settings import load_settings
from ..sources import load_sources

RAW_KEYS = [dg.AssetKey(["raw", table]) for table in TABLES if table != "fetch_log"]


@dg.asset(group_name="ingest", description="Every notice file of the configured local folders, by content hash.")
def source_documents(context: dg.AssetExecutionContext) -> list[ingest.DocumentRef]:
    settings = load_settings()
    sources = load_sources(settings.sources_file)
    refs = ingest.local_documents(settings, sources.local_dirs)
    context.log.info(f"documents seen: {len(refs)}")
    context.add_output_metadata({"documents_seen": len(refs)})
    return refs


@dg.multi_asset(
    specs=[dg.AssetSpec(key, group_name="ingest", deps=["source_documents"], skippable=True) for key in RAW_KEYS],
    description="Parse new documents (or all, for a new parser version) into the raw tables of the build file.",
)
def raw_tables(context: dg.AssetExecutionContext, source_documents: list[ingest.DocumentRef]):  # type: ignore[no-untyped-def]
    settings = load_settings()
    published = settings.published_path
    if published.exists():
        with duckdb.connect(str(published), read_only=True) as connection:
            pending = ingest.pending_documents(connection, source_documents)
        up_to_date = published_fingerprint(published) == code_fingerprint()
    else:
        pending, up_to_date = source_documents, False
    if not pending and up_to_date:
        context.log.info("nothing new: the published warehouse is up to date")
        return
    start_build(settings)
    parsed = ingest.parse_refs(pending)
    failed = sum(doc.notice is None for doc in parsed)
    with duckdb.connect(str(settings.build_path)) as connection:
        written = ingest.load_parsed(connection, parsed)
    context.log.info(f"documents new: {len(pending)}, parsed: {len(parsed) - failed}, failed: {failed}")
    for key in RAW_KEYS:
        yield dg.MaterializeResult(
            asset_key=key,
            metadata={
                "rows_written": written.get(key.path[-1], 0), "documents_new": len(pending),
                "documents_failed": failed, "parser_version": PARSER_VERSION,
            },
        )
