"""`notices run`: the nightly job in-process, with a short summary at the end."""

from __future__ import annotations

from dataclasses import dataclass

import dagster as dg
import duckdb
from dagster._core.events import StepMaterializationData

from .settings import DBT_PROJECT_DIR, Settings


class RunFailed(RuntimeError):
    """The job failed; the published warehouse is the last good one."""


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


def prepare_dbt_manifest() -> None:
    """`dbt parse` into dbt/target/manifest.json, which the Dagster definitions read."""
    from .defs.dbt import notices_dbt_project

    project = notices_dbt_project()
    project.preparer.prepare(project)


def manifest_is_stale() -> bool:
    """Missing, or older than a file of the dbt project it was parsed from."""
    manifest = DBT_PROJECT_DIR / "target" / "manifest.json"
    if not manifest.exists():
        return True
    built = manifest.stat().st_mtime
    sources = [p for part in ("models", "seeds", "macros", "tests") for p in (DBT_PROJECT_DIR / part).rglob("*")]
    sources += [DBT_PROJECT_DIR / "dbt_project.yml", DBT_PROJECT_DIR / "profiles.yml"]
    return any(p.is_file() and p.stat().st_mtime > built for p in sources)


def run_pipeline(settings: Settings, verbose: bool = False) -> RunSummary:
    """The nightly job in-process on these settings (they reach every asset as the `notices` resource)."""
    if manifest_is_stale():
        prepare_dbt_manifest()
    from .definitions import defs
    from .defs.resources import NoticesSettings

    job = defs().resolve_job_def("nightly")
    result = job.execute_in_process(
        instance=dg.DagsterInstance.ephemeral(),
        raise_on_error=False,
        resources={"notices": NoticesSettings.of(settings)},  # the settings given, not the environment's
        run_config={"loggers": {"progress": {"config": {"verbose": verbose}}}},
    )
    evaluations = [
        e.event_specific_data for e in result.all_events if isinstance(e.event_specific_data, dg.AssetCheckEvaluation)
    ]
    blocked = [check for check in evaluations if not check.passed and check.severity == dg.AssetCheckSeverity.ERROR]
    if blocked:
        names = ", ".join(check.check_name for check in blocked)
        raise RunFailed(f"critical expectations failed, not published: {names}")
    if not result.success:
        failure = next((e for e in result.all_events if e.is_step_failure), None)
        error = failure.step_failure_data.error if failure else None
        while error is not None and error.cause is not None:
            error = error.cause  # the user's error, not Dagster's wrapper around it
        reason = error.message.strip().splitlines()[-1] if error else "unknown"
        raise RunFailed(f"run failed in step {failure.step_key if failure else '?'}: {reason}")
    return _summary(result, settings)


def _materializations(result: dg.ExecuteInProcessResult) -> list[dg.AssetMaterialization]:
    return [
        event.event_specific_data.materialization
        for event in result.get_asset_materialization_events()
        if isinstance(event.event_specific_data, StepMaterializationData)
    ]


def _metadata(result: dg.ExecuteInProcessResult, key: str, field: str) -> int:
    for materialization in _materializations(result):
        if field in materialization.metadata and key in materialization.asset_key.to_user_string():
            value = materialization.metadata[field].value
            return int(value) if isinstance(value, int | float | str) else 0
    return 0


def _summary(result: dg.ExecuteInProcessResult, settings: Settings) -> RunSummary:
    seen = len(result.output_for_node("source_documents"))
    new = _metadata(result, "raw/documents", "documents_new")
    failed = _metadata(result, "raw/documents", "documents_failed")
    published = any(m.asset_key == dg.AssetKey("published_warehouse") for m in _materializations(result))
    notices = issues = findings = 0
    if settings.published_path.exists():
        with duckdb.connect(str(settings.published_path), read_only=True) as connection:
            notices = connection.execute("SELECT count(*) FROM marts.dim_notice").fetchone()[0]  # type: ignore[index]
            issues = connection.execute("SELECT count(*) FROM marts.fct_issue").fetchone()[0]  # type: ignore[index]
            findings = connection.execute("SELECT count(*) FROM quality.notice_findings").fetchone()[0]  # type: ignore[index]
    return RunSummary(seen, new, new - failed, failed, published, notices, issues, findings)
