"""`notices run`: the nightly job in-process, with a short summary at the end."""

from __future__ import annotations

import dataclasses
import logging
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from filelock import FileLock

from .ingest import pending_against_published, scan
from .publish import published_counts, published_state
from .settings import DBT_PROJECT_DIR, Settings
from .sources import SourcesConfig, load_sources
from .workers import start_server

if TYPE_CHECKING:  # Dagster takes seconds to import: only a run that starts the job pays for it
    import dagster as dg


class RunFailed(RuntimeError):
    """The job failed; the published warehouse is the last good one (the message says so)."""


# Steps after the publish: when one fails, the new warehouse is already out.
AFTER_PUBLISH_STEPS = frozenset({"notices_report"})


# The stage each step of the nightly job is, as the summary and the benchmark name it.
STAGE_OF_STEP = {
    "scraped_pages": "crawl",
    "source_documents": "scan",
    "raw_tables": "parse+load",
    "notices_dbt_models": "dbt",
    "great_expectations_suites": "checks",
    "marts__search_documents": "search",
    "published_warehouse": "publish",
    "notices_report": "report",
}


@dataclass(frozen=True)
class RunSummary:
    documents_seen: int
    documents_new: int
    documents_parsed: int
    documents_failed: int
    published: bool
    notices_in_marts: int
    issues_in_marts: int
    findings: int
    # Seconds per stage, in the order they ran; "start-up" is the time around the steps (loading the
    # definitions, dbt's manifest when stale, Dagster's own work),
    # and parse+load is split into "parse" (waiting for the workers) and "load" when it ran.
    stage_seconds: dict[str, float] = field(default_factory=dict)
    # Sources none of whose list pages could be read, with the one-line reason; the others were built.
    failed_sources: dict[str, str] = field(default_factory=dict)
    # Of the documents parsed, those whose crawl partition had parsed them (`--workers`).
    documents_parsed_ahead: int = 0
    # What the build file began as (publish.start_build); None when nothing was built.
    build_began_as: str | None = None
    # Nothing was new, but the report did not show the published build and was made again.
    report_remade: bool = False


MANIFEST_PATH = DBT_PROJECT_DIR / "target" / "manifest.json"


def prepare_dbt_manifest() -> None:
    """`dbt parse` into dbt/target/manifest.json, which the Dagster definitions read.

    Under a file lock: two processes of one checkout (two `notices run`, or the test workers)
    would otherwise both write dbt/target at once."""
    with _manifest_lock():
        _parse_manifest()


def ensure_dbt_manifest() -> None:
    """Prepare the manifest when it is stale; a process that waited on the lock while another
    prepared it finds it current and parses nothing."""
    if not manifest_is_stale():
        return
    with _manifest_lock():
        if manifest_is_stale():
            _parse_manifest()


def _parse_manifest() -> None:
    # `dbt parse` by the dbt beside this Python (dbt_resource), as the nightly build runs it: the
    # preparer of dagster-dbt would look for dbt on PATH, which `.venv/bin/notices` need not have.
    from .defs.dbt import dbt_resource, notices_dbt_project

    project = notices_dbt_project()
    dbt_resource().cli(["parse", "--quiet"], target_path=project.target_path).wait()


def _manifest_lock() -> FileLock:
    MANIFEST_PATH.parent.mkdir(parents=True, exist_ok=True)
    return FileLock(MANIFEST_PATH.parent / ".manifest.lock")


def manifest_is_stale() -> bool:
    """Missing, or older than a file of the dbt project it was parsed from."""
    if not MANIFEST_PATH.exists():
        return True
    built = MANIFEST_PATH.stat().st_mtime
    sources = [p for part in ("models", "seeds", "macros", "tests") for p in (DBT_PROJECT_DIR / part).rglob("*")]
    sources += [DBT_PROJECT_DIR / "dbt_project.yml", DBT_PROJECT_DIR / "profiles.yml"]
    return any(p.is_file() and p.stat().st_mtime > built for p in sources)


def run_if_needed(settings: Settings, sources: SourcesConfig, verbose: bool = False, workers: int = 1) -> RunSummary:
    """`notices run`: nothing starts when the scan alone shows the published warehouse up to date.

    That holds when the sources file lists no site (a crawl has to fetch to know what is new), no
    document is new or changed, and the parser and models are the ones the warehouse was built by.
    Otherwise the nightly job runs, and still publishes nothing when it finds nothing new."""
    started = time.perf_counter()
    if not sources.sources:
        refs = scan(settings, sources)
        pending, up_to_date = pending_against_published(settings, refs)
        if not pending and up_to_date and _report_shows_published(settings):
            notices, issues, findings = published_counts(settings.published_path)
            seconds = {"scan": round(time.perf_counter() - started, 1)}
            return RunSummary(len(refs), 0, 0, 0, False, notices, issues, findings, seconds)
    return run_pipeline(settings, verbose, workers)


def _report_shows_published(settings: Settings) -> bool:
    from .report import data_dir_report_shows

    state = published_state(settings)
    return data_dir_report_shows(settings, state.built_at if state else None)


def run_pipeline(settings: Settings, verbose: bool = False, workers: int = 1) -> RunSummary:
    """The nightly job in-process on these settings (they reach every asset as the `notices` resource).

    With `workers` > 1 and sites configured, the sites are first crawled by the partitions of
    `crawled_source`, `workers` at a time in their own processes (defs/partitions.py), and the
    nightly job reads their crawl files; a source that failed is in `failed_sources`, the rest is built."""
    with ExitStack() as stack:
        return _run_pipeline(stack, settings, verbose, workers)


def _run_pipeline(stack: ExitStack, settings: Settings, verbose: bool, workers: int) -> RunSummary:
    """The nightly job; then, when it published nothing and the report does not show the published
    build, the report step alone. The run before died or failed after publishing, or the report's
    code changed: without it the report would show an older warehouse until a document arrived."""
    started = time.perf_counter()
    # The parsing workers' server imports the parser and rjieba (about 1.4 s of one core) while
    # this process imports Dagster and loads the definitions (seconds of the other): at the parse
    # step it is ready. Started there, it competed with the build setup, which uses both cores.
    start_server()
    import dagster as dg

    ensure_dbt_manifest()
    from .definitions import defs
    from .defs.partitions import crawl_in_partitions, first_failure
    from .defs.resources import NoticesSettings

    if not verbose:  # dagster-dbt's own notes (one per source test) are not progress
        logging.getLogger("dagster.builtin").setLevel(logging.WARNING)
    job = defs().resolve_job_def("nightly")
    sites = [source.name for source in load_sources(settings.sources_file).sources] if workers > 1 else []
    in_partitions = bool(sites)
    instance = (
        dg.DagsterInstance.from_config(str(settings.dagster_home))
        if settings.dagster_home
        else dg.DagsterInstance.ephemeral()
    )
    crawl_instance = instance
    if in_partitions and not settings.dagster_home:
        # Runs in other processes need an instance on disk: one for the crawl only, as the build's
        # many events cost seconds more in SQLite than in memory.
        home = stack.enter_context(tempfile.TemporaryDirectory(dir=settings.data_dir, prefix=".dagster-"))
        crawl_instance = dg.DagsterInstance.local_temp(home)
    crawl_started = time.perf_counter()
    crawled = crawl_in_partitions(crawl_instance, settings, sites, workers, verbose) if in_partitions else {}
    crawl_seconds = time.perf_counter() - crawl_started
    # The settings given, not the environment's; bars only on a terminal, dbt's node log only if verbose.
    resources = {"notices": NoticesSettings.of(settings, sys.stdout.isatty() and not verbose, verbose)}
    loggers = {"progress": {"config": {"verbose": verbose}}}
    result = job.execute_in_process(
        instance=instance,
        raise_on_error=False,
        resources=resources,
        run_config={"loggers": loggers, "ops": {"scraped_pages": {"config": {"from_crawl_files": in_partitions}}}},
    )
    evaluations = [
        e.event_specific_data for e in result.all_events if isinstance(e.event_specific_data, dg.AssetCheckEvaluation)
    ]
    blocked = [check for check in evaluations if not check.passed and check.severity == dg.AssetCheckSeverity.ERROR]
    if blocked:
        names = ", ".join(check.check_name for check in blocked)
        raise RunFailed(f"critical expectations failed, not published: {names} (the published warehouse is unchanged)")
    if not result.success:
        step, reason = first_failure(result.all_events) or ("?", "unknown")
        if step in AFTER_PUBLISH_STEPS:
            raise RunFailed(f"the warehouse was published, but step {step} failed: {reason}")
        raise RunFailed(f"run failed in step {step}: {reason} (the published warehouse is unchanged)")
    if (skipped := unpublished_build(result)) is not None:
        raise RunFailed(
            f"documents were loaded but not published: steps {skipped} were skipped, as an output they wait for "
            "was not produced (the published warehouse is unchanged)"
        )
    stages = _stage_seconds(instance, result)
    summary = _summary(result, settings, stages)
    remade = not summary.published and settings.published_path.exists() and not _report_shows_published(settings)
    if remade:
        report = (
            defs()
            .resolve_job_def("report")
            .execute_in_process(
                instance=instance, raise_on_error=False, resources=resources, run_config={"loggers": loggers}
            )
        )
        if not report.success:
            _, reason = first_failure(report.all_events) or ("?", "unknown")
            raise RunFailed(
                f"nothing was new, but the report could not be made again: {reason} (the published warehouse is unchanged)"
            )
        stages |= _stage_seconds(instance, report)
    if in_partitions:  # the partitions' wall time, and the nightly step that read their files
        stages["crawl"] = round(crawl_seconds + stages.get("crawl", 0.0), 1)
    stages = {"start-up": round(time.perf_counter() - started - sum(stages.values()), 1), **stages}
    # A partition that failed before saving its report is known by its run's failure alone.
    failed = {**summary.failed_sources, **{name: reason for name, reason in crawled.items() if reason}}
    return dataclasses.replace(summary, stage_seconds=stages, failed_sources=failed, report_remade=remade)


def unpublished_build(result: dg.ExecuteInProcessResult) -> str | None:
    """The steps skipped in a run that loaded documents and did not publish, without failing: a
    step that leaves one of its outputs unproduced makes Dagster skip what waits for it, and the
    run "succeeds". None when the run published, or loaded nothing (a night with nothing new
    skips the rest on purpose)."""
    keys = [materialization.asset_key.path for materialization in _materializations(result)]
    if ["published_warehouse"] in keys or not any(key[0] == "raw" for key in keys):
        return None
    return ", ".join(event.step_key or "?" for event in result.all_events if event.is_step_skipped) or "?"


def _stage_seconds(instance: dg.DagsterInstance, result: dg.ExecuteInProcessResult) -> dict[str, float]:
    steps = sorted(
        (step for step in instance.get_run_step_stats(result.run_id) if step.start_time and step.end_time),
        key=lambda step: step.start_time or 0.0,
    )
    stages: dict[str, float] = {}
    for step in steps:
        name = STAGE_OF_STEP.get(step.step_key, step.step_key)
        seconds = (step.end_time or 0.0) - (step.start_time or 0.0)
        if name == "parse+load" and (parse := _metadata(result, "raw/documents", "parse_seconds")) is not None:
            load = _metadata(result, "raw/documents", "load_seconds") or 0.0
            stages["build setup"] = round(max(seconds - parse - load, 0.0), 1)  # the copy of the published file
            stages["parse"], stages["load"] = round(parse, 1), round(load, 1)
        else:
            stages[name] = round(seconds, 1)
    return stages


def _materializations(result: dg.ExecuteInProcessResult) -> list[dg.AssetMaterialization]:
    from dagster._core.events import StepMaterializationData

    return [
        event.event_specific_data.materialization
        for event in result.get_asset_materialization_events()
        if isinstance(event.event_specific_data, StepMaterializationData)
    ]


def _metadata(result: dg.ExecuteInProcessResult, key: str, field: str) -> float | None:
    value = _metadata_value(result, key, field)
    return float(value) if isinstance(value, int | float) else None


def _metadata_value(result: dg.ExecuteInProcessResult, key: str, field: str) -> object:
    for materialization in _materializations(result):
        if field in materialization.metadata and key in materialization.asset_key.to_user_string():
            return materialization.metadata[field].value
    return None


def _summary(result: dg.ExecuteInProcessResult, settings: Settings, stages: dict[str, float]) -> RunSummary:
    from .scrape.reports import crawl_failure

    failed_sources = {
        report.source: reason
        for report in result.output_for_node("scraped_pages")
        if (reason := crawl_failure(report)) is not None
    }
    seen = len(result.output_for_node("source_documents"))
    new = int(_metadata(result, "raw/documents", "documents_new") or 0)
    failed = int(_metadata(result, "raw/documents", "documents_failed") or 0)
    ahead = int(_metadata(result, "raw/documents", "documents_parsed_ahead") or 0)
    began = _metadata_value(result, "raw/documents", "build_began_as")
    published = any(m.asset_key.path == ["published_warehouse"] for m in _materializations(result))
    notices, issues, findings = published_counts(settings.published_path)
    return RunSummary(
        seen, new, new - failed, failed, published, notices, issues, findings, stages, failed_sources, ahead,
        began if isinstance(began, str) else None,
    )  # fmt: skip
