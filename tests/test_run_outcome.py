"""How `notices run` reads a finished Dagster run: a build that was skipped is not "nothing new".

Small real Dagster jobs in process, shaped as the nightly one: raw tables, a step with an optional
output (as dbt's multi-asset has one per model), and the publish that waits for it."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from dagster_project.defs.partitions import first_failure
from dagster_project.run import unpublished_build


def nightly_shaped_job(loads: bool, models_produced: bool) -> dg.ExecuteInProcessResult:
    @dg.multi_asset(specs=[dg.AssetSpec(dg.AssetKey(["raw", "documents"]), skippable=True)])
    def raw_tables():  # type: ignore[no-untyped-def]
        if loads:
            yield dg.MaterializeResult(asset_key=dg.AssetKey(["raw", "documents"]))

    @dg.multi_asset(
        specs=[
            dg.AssetSpec(
                dg.AssetKey(["marts", "dim_notice"]), deps=[dg.AssetKey(["raw", "documents"])], skippable=True
            ),
            dg.AssetSpec(dg.AssetKey(["seeds", "statuses"]), skippable=True),
        ]
    )
    def models():  # type: ignore[no-untyped-def]
        yield dg.MaterializeResult(asset_key=dg.AssetKey(["marts", "dim_notice"]))
        if models_produced:
            yield dg.MaterializeResult(asset_key=dg.AssetKey(["seeds", "statuses"]))

    @dg.asset(deps=[dg.AssetKey(["marts", "dim_notice"]), dg.AssetKey(["seeds", "statuses"])])
    def published_warehouse() -> None:
        return None

    definitions = dg.Definitions(
        assets=[raw_tables, models, published_warehouse], jobs=[dg.define_asset_job("nightly")]
    )
    return definitions.resolve_job_def("nightly").execute_in_process(raise_on_error=False)


def test_a_build_skipped_after_loading_names_the_skipped_step() -> None:
    result = nightly_shaped_job(loads=True, models_produced=False)
    assert result.success  # what Dagster says: the run did not fail
    assert unpublished_build(result) == "published_warehouse"


def test_a_published_build_and_a_night_with_nothing_new_are_no_skipped_build() -> None:
    assert unpublished_build(nightly_shaped_job(loads=True, models_produced=True)) is None
    assert unpublished_build(nightly_shaped_job(loads=False, models_produced=True)) is None


def _render_in_a_worker(page: str) -> None:
    raise ValueError(f"page {page} could not be rendered")


def _query_in_a_worker(limit: str) -> None:
    """A DuckDB error, whose message goes on for lines of advice after its first."""
    with duckdb.connect(config={"memory_limit": limit}) as connection:
        connection.execute("SELECT string_agg(repeat(x::VARCHAR, 100)) FROM range(1000000) AS t(x)").fetchall()


@pytest.mark.parametrize(
    ("task", "argument", "reason"),
    [
        (_render_in_a_worker, "0a1b", "ValueError: page 0a1b could not be rendered"),
        (_query_in_a_worker, "1MB", "_duckdb.OutOfMemoryException: Out of Memory Error: failed to allocate"),
    ],
)
def test_a_step_failing_in_a_worker_process_gives_the_workers_reason(
    task: Callable[[str], None], argument: str, reason: str
) -> None:
    @dg.op
    def notices_report() -> None:
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
            pool.submit(task, argument).result()

    @dg.job
    def nightly() -> None:
        notices_report()

    result = nightly.execute_in_process(raise_on_error=False)
    failed = first_failure(result.all_events)
    assert failed is not None and failed[0] == "notices_report" and failed[1].startswith(reason)
    assert "\n" not in failed[1]


@pytest.mark.integration
def test_a_failed_dbt_command_gives_the_error_dbt_logged_not_dagster_dbts_first_line(tmp_path: Path) -> None:
    """dagster-dbt's error begins "The dbt CLI process with command": the reason is dbt's own."""
    from dagster_project.defs.dbt import dbt_resource

    @dg.op
    def notices_dbt_models() -> None:
        dbt_resource().cli(["run-operation", "no_such_macro"], target_path=tmp_path / "target").wait()

    @dg.job
    def nightly() -> None:
        notices_dbt_models()

    result = nightly.execute_in_process(raise_on_error=False)
    failed = first_failure(result.all_events)
    assert failed == (
        "notices_dbt_models",
        "dbt: Encountered an error while running operation: Runtime Error "
        'dbt could not find a macro with the name "no_such_macro" in any package',
    )
