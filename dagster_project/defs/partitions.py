"""Per-source partitions: each configured site crawled as its own partition, in parallel processes.

`crawled_source` is partitioned by source name (`DynamicPartitionsDefinition("sources")`, kept in
step with the sources file before each run by `sync_source_partitions`). One partition crawls one
source with its own polite client and saves the crawl report to `raw/crawls/<source>.json`; it
never opens the build file, which has one writer: the unpartitioned `scraped_pages` of the nightly
job reads those files (`from_crawl_files`) and hands them to the scan and the load as today.

How partitions run in parallel: a Dagster run targets one partition of a partitioned asset, and a
run's executor fans out over its steps, not over partitions. So `crawl_in_partitions` launches one
run of `crawl_sources` per partition with `dg.execute_job` on a persistent instance, at most
`workers` at a time (a thread per run only waits for it); each run's multiprocess executor runs the
crawl step in its own process, started from a forkserver that has imported this module once. A
source whose crawl fails fails its run, i.e. its partition, and the others go on.

Each partition also parses what it crawled (`ingest.parse_ahead`, within the per-document limits)
while the other sources are still being crawled, and keeps the outcomes in `raw/parsed/`
(parse_cache.py); the build loads those instead of parsing the documents again. The build file is
still written by the build step alone.

Politeness holds across those processes through the per-host lock files of scrape/gate.py.
"""

import re
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor

import dagster as dg

from .. import ingest
from ..scrape.fetch import PoliteClient
from ..scrape.gate import hosts_dir
from ..scrape.reports import crawl_failure, crawl_source, report_path, source_counts
from ..settings import Settings
from ..sources import load_sources
from .jobs import progress_logger
from .resources import NoticesSettings, settings_resource

PARTITIONS_NAME = "sources"
SOURCE_PARTITIONS = dg.DynamicPartitionsDefinition(name=PARTITIONS_NAME)
CRAWL_JOB = "crawl_sources"
# What the forkserver imports once for every step process: this module, and the instance's SQLite
# storages with alembic (which checks their schema). Imported in each step process instead, those
# were 2.4 s of the 4 s a partition cost before its first request.
STEP_PRELOAD = [
    __name__,
    "dagster._core.storage.sqlite_storage",
    "dagster._core.storage.runs.sqlite",
    "dagster._core.storage.event_log.sqlite",
    "dagster._core.storage.schedules.sqlite",
    "alembic.command",
]


def sync_source_partitions(instance: dg.DagsterInstance, names: Sequence[str]) -> tuple[list[str], list[str]]:
    """Make the instance's partitions the sources file's names: (added, removed)."""
    existing = set(instance.get_dynamic_partitions(PARTITIONS_NAME))
    added = [name for name in dict.fromkeys(names) if name not in existing]
    removed = sorted(existing - set(names))
    if added:
        instance.add_dynamic_partitions(PARTITIONS_NAME, added)
    for name in removed:
        instance.delete_dynamic_partition(PARTITIONS_NAME, name)
    return added, removed


@dg.asset(
    partitions_def=SOURCE_PARTITIONS,
    group_name="ingest",
    description="Crawl one configured site (its partition) into raw/pages/ and its report into raw/crawls/.",
)
def crawled_source(context: dg.AssetExecutionContext, notices: NoticesSettings) -> dg.MaterializeResult:
    settings = notices.resolved()
    sources = load_sources(settings.sources_file)
    name = context.partition_key
    source = next((s for s in sources.sources if s.name == name), None)
    if source is None:
        raise dg.Failure(f"{name}: no such source in {settings.sources_file}")
    client = PoliteClient(sources.crawl, hosts_dir(settings.raw_dir))
    try:
        report = crawl_source(source, client, settings, ingest.published_known_pages(settings), context.log.info)
    finally:
        client.close()
    try:
        parsed_ahead = ingest.parse_ahead(settings, report.documents)
    except OSError as error:  # the crawl is saved: the build parses these documents itself
        context.log.warning(f"{name}: not parsed ahead ({type(error).__name__}: {error}); the build will parse them")
        parsed_ahead = 0
    counts = {**source_counts(report), "parsed_ahead": parsed_ahead}
    context.log.info(f"{name}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    failure = crawl_failure(report)
    if failure is not None:  # its report is saved: the build still records every failed attempt
        context.log.error(f"{name}: {failure}")
        raise dg.Failure(failure, metadata=counts)
    path = report_path(settings.raw_dir, name)
    return dg.MaterializeResult(metadata={**counts, "crawl_file": dg.MetadataValue.path(str(path))})


crawl_sources_job = dg.define_asset_job(
    CRAWL_JOB,
    selection=[crawled_source],
    executor_def=dg.multiprocess_executor,
    description="Crawl one source (a partition of crawled_source); `notices run --workers N` runs N at a time.",
)


def crawl_job() -> dg.JobDefinition:
    """The crawl job, rebuilt by name in each step process (`dg.reconstructable`); only the crawl's
    definitions, so a step process does not load the dbt project."""
    definitions = dg.Definitions(
        assets=[crawled_source],
        jobs=[crawl_sources_job],
        resources={"notices": settings_resource()},
        loggers={"progress": progress_logger},
    )
    return definitions.resolve_job_def(CRAWL_JOB)


_FAILURE_PREFIX = re.compile(r"^(?:[\w.]+\.)?Failure: ")
_WORKER_TRACEBACK = "_RemoteTraceback"  # concurrent.futures.process's


def first_failure(events: Iterable[dg.DagsterEvent]) -> tuple[str, str] | None:
    """(step key, the user's one-line reason) of a run's first failed step, or None."""
    failure = next((event for event in events if event.is_step_failure), None)
    if failure is None:
        return None
    error = failure.step_failure_data.error
    # The user's error, not Dagster's wrapper around it; an error raised in a worker process has
    # the worker's traceback, as text, for its cause: that is not the reason.
    while error is not None and error.cause is not None and error.cause.cls_name != _WORKER_TRACEBACK:
        error = error.cause
    # The first line: DuckDB's errors go on with advice and end in a link ("See also https://…").
    lines = error.message.strip().splitlines() if error else []
    reason = lines[0] if lines else "unknown"
    if error is not None and error.cls_name == "Failure":  # its description is written for the user
        reason = _FAILURE_PREFIX.sub("", reason)
    if error is not None and error.cls_name == "DagsterDbtCliRuntimeError":
        reason = dbt_reason(error.message) or reason
    return failure.step_key or "?", reason


# How dagster-dbt's error lists the errors it read from dbt's log, after the command it ran.
_DBT_ERRORS_HEADING = "Errors parsed from dbt logs:"
_DBT_EXIT_CODE = re.compile(r"failed with exit code `(\d+)`")
DBT_REASON_CHARS = 300  # a reason is one line


def dbt_reason(message: str) -> str | None:
    """The one-line reason of a failed dbt command, from dagster-dbt's error. Its first line is
    "The dbt CLI process with command", which says nothing: the reason is the first error dbt
    logged (its lines joined: "Runtime Error in model …" is followed by what went wrong), else the
    exit code; None when the message has neither. dbt's whole log is in `<data dir>/logs/dbt.log`."""
    _, _, logged = message.partition(_DBT_ERRORS_HEADING)
    first = next((block for block in logged.split("\n\n") if block.strip()), "")
    if first:
        return "dbt: " + " ".join(first.split())[:DBT_REASON_CHARS]
    code = _DBT_EXIT_CODE.search(message)
    return f"dbt failed with exit code {code.group(1)}" if code else None


def crawl_in_partitions(
    instance: dg.DagsterInstance, settings: Settings, names: Sequence[str], workers: int, verbose: bool = False
) -> dict[str, str | None]:
    """Each source of the sources file (`names`, all of them) crawled by its own run of
    `crawl_sources`, `workers` at a time: {source: None when crawled, else why its partition failed}."""
    sync_source_partitions(instance, names)
    job = dg.reconstructable(crawl_job)
    run_config = {
        "resources": {"notices": {"config": NoticesSettings.of(settings).model_dump()}},
        "execution": {"config": {"start_method": {"forkserver": {"preload_modules": STEP_PRELOAD}}}},
        "loggers": {"progress": {"config": {"verbose": verbose}}},
    }

    def crawl(name: str) -> str | None:
        with dg.execute_job(job, instance, run_config=run_config, tags={"dagster/partition": name}) as result:
            if result.success:
                return None
            failed = first_failure(result.all_events)
        return failed[1] if failed else "its run failed before the crawl started"

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return dict(zip(names, pool.map(crawl, names), strict=True))
