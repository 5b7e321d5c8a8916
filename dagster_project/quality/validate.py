"""Run the suites on frames from the warehouse; every result becomes a row of quality.expectation_results."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, cast

import duckdb
import great_expectations as gx
import pandas as pd
import polars as pl
from great_expectations.data_context import AbstractDataContext
from great_expectations.data_context.types.base import ProgressBarsConfig
from great_expectations.datasource.fluent import PandasDatasource

from ..publish import CHANGED_NOTICES
from ..settings import utc_now
from .suites import Suite, expectation_name, severity_of
from .tables import CHECKED_TABLE, RESULTS_TABLE

DATA_SOURCE = "warehouse"
RESULT_COLUMNS = {
    "run_id": pl.String,
    "suite": pl.String,
    "expectation": pl.String,
    "severity": pl.String,
    "success": pl.Boolean,
    "notice_id": pl.String,
    "observed_value": pl.String,
    "expected_value": pl.String,
    "description": pl.String,
    "checked_at": pl.Datetime,
}


@dataclass(frozen=True)
class ExpectationOutcome:
    suite: str
    expectation: str
    severity: str
    success: bool
    unexpected_count: int
    description: str


def gx_context() -> AbstractDataContext:
    """An ephemeral context: no GX state on disk. The reader's view of the findings is the report
    (`notices report`), not GX Data Docs, which load their styles from the internet and name
    failing rows by pandas index instead of by notice."""
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    context.data_sources.add_pandas(DATA_SOURCE)
    return context


def validate_frame(
    suite: Suite, frame: pd.DataFrame, context: AbstractDataContext | None = None, name: str | None = None
) -> Any:
    """GX validation of one pandas frame against one suite, through a checkpoint.

    `name` (default the suite's) names what the context registers: one context can validate many
    frames of one suite under different names (the tests share one context)."""
    context = context or gx_context()
    name = name or suite.name
    gx_suite = suite.gx_suite()
    gx_suite.name = name
    batch_definition = (
        cast(PandasDatasource, context.data_sources.get(DATA_SOURCE))
        .add_dataframe_asset(name)
        .add_batch_definition_whole_dataframe("all_rows")
    )
    definition = context.validation_definitions.add(
        gx.ValidationDefinition(data=batch_definition, suite=context.suites.add(gx_suite), name=name)
    )
    checkpoint = context.checkpoints.add(
        gx.Checkpoint(name=name, validation_definitions=[definition], result_format={"result_format": "COMPLETE"})
    )
    result = checkpoint.run(batch_parameters={"dataframe": frame})
    return next(iter(result.run_results.values()))


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def result_rows(
    suite: Suite, frame: pd.DataFrame, validation: Any, run_id: str
) -> tuple[list[dict], list[ExpectationOutcome]]:
    """One row per expectation (notice_id null) and one per notice it fails for."""
    now = utc_now()
    rows: list[dict] = []
    outcomes: list[ExpectationOutcome] = []
    by_name = {expectation_name(c): c for c in suite.configurations}
    for result in validation.results:
        name = expectation_name(result.expectation_config)
        configuration = by_name[name]
        severity = severity_of(configuration)
        description = (configuration.meta or {}).get("description", "")
        detail_column = (configuration.meta or {}).get("detail_column")
        expected = {k: v for k, v in configuration.kwargs.items() if k not in ("batch_id",)}
        details = result.result or {}
        unexpected_index = details.get("unexpected_index_list") or []
        observed = details.get("observed_value", details.get("unexpected_count"))
        base = {
            "run_id": run_id,
            "suite": suite.name,
            "expectation": name,
            "severity": severity,
            "expected_value": _text(expected),
            "description": description,
            "checked_at": now,
        }
        rows.append({**base, "success": bool(result.success), "notice_id": None, "observed_value": _text(observed)})
        if suite.notice_column and not result.success:
            for index in unexpected_index:
                row = frame.loc[index]
                detail = f"{row[detail_column]}: " if detail_column else ""
                values = [
                    str(row[configuration.kwargs[k]])
                    for k in ("column", "column_A", "column_B")
                    if k in configuration.kwargs
                ]
                rows.append(
                    {
                        **base,
                        "success": False,
                        "notice_id": str(row[suite.notice_column]),
                        "observed_value": detail + " vs ".join(values),
                    }
                )
        outcomes.append(
            ExpectationOutcome(
                suite.name,
                name,
                severity,
                bool(result.success),
                len(unexpected_index) or int(not result.success),
                description,
            )
        )
    return rows, outcomes


def run_suites(
    connection: duckdb.DuckDBPyConnection, suites: list[Suite], run_id: str, changed_only: bool = False
) -> list[ExpectationOutcome]:
    """Validate every suite and write all results; findings are data, never an exception.

    With `changed_only` (an incremental build: the published marts were made by this code), the
    expectations about rows look only at the notices loaded since the published build, whose rows
    are the only ones that can have changed; the expectations about whole tables (row counts) still
    look at everything. `quality.checked_notices` records which run last checked each notice, so the
    findings of the notices not checked again stay in `quality.notice_findings`."""
    scope = f"notice_id IN ({CHANGED_NOTICES})" if changed_only else "true"
    all_rows: list[dict] = []
    outcomes: list[ExpectationOutcome] = []
    context = gx_context()
    for suite in suites:
        for kind, part, where in (("rows", suite.about_rows(), scope), ("tables", suite.about_tables(), "true")):
            if not part.configurations:
                continue
            frame = connection.execute(f"{part.query} WHERE {where}").to_arrow_table().to_pandas()
            validation = validate_frame(part, frame, context, name=f"{suite.name}-{kind}")
            rows, part_outcomes = result_rows(part, frame, validation, run_id)
            all_rows.extend(rows)
            outcomes.extend(part_outcomes)
    write_results(connection, pl.DataFrame(all_rows, schema=RESULT_COLUMNS))
    record_checked_notices(connection, run_id, scope)
    return outcomes


def write_results(connection: duckdb.DuckDBPyConnection, results: pl.DataFrame) -> None:
    connection.execute("CREATE SCHEMA IF NOT EXISTS quality")
    columns = ", ".join(f"{name} {_duck_type(dtype)}" for name, dtype in RESULT_COLUMNS.items())
    connection.execute(f"CREATE TABLE IF NOT EXISTS {RESULTS_TABLE} ({columns})")
    connection.register("incoming_results", results.to_arrow())
    connection.execute(f"INSERT INTO {RESULTS_TABLE} SELECT * FROM incoming_results")
    connection.unregister("incoming_results")
    connection.execute(
        f"COMMENT ON TABLE {RESULTS_TABLE} IS 'One row per run × expectation (notice_id null) and one per "
        "notice an expectation fails for: every data-quality result ever recorded.'"
    )


def record_checked_notices(connection: duckdb.DuckDBPyConnection, run_id: str, scope: str) -> None:
    """Which run last checked each notice in the marts (delete+insert of the ones checked now), and
    the view of each notice's findings from that run."""
    connection.execute(f"CREATE TABLE IF NOT EXISTS {CHECKED_TABLE} (notice_id VARCHAR PRIMARY KEY, run_id VARCHAR)")
    connection.execute(
        f"DELETE FROM {CHECKED_TABLE} WHERE ({scope}) OR notice_id NOT IN (SELECT notice_id FROM marts.dim_notice)"
    )
    connection.execute(f"INSERT INTO {CHECKED_TABLE} SELECT notice_id, ? FROM marts.dim_notice WHERE {scope}", [run_id])
    connection.execute(
        f"COMMENT ON TABLE {CHECKED_TABLE} IS 'One row per notice in the marts: the run (run_id of "
        "quality.expectation_results) that last checked it.'"
    )
    connection.execute(f"""
        CREATE OR REPLACE VIEW quality.notice_findings AS
        SELECT r.notice_id, n.title, r.suite, r.expectation, r.severity,
               r.description || coalesce(' (' || r.observed_value || ')', '') AS finding, r.checked_at
        FROM {RESULTS_TABLE} r
        JOIN {CHECKED_TABLE} c ON c.notice_id = r.notice_id AND c.run_id = r.run_id
        LEFT JOIN marts.dim_notice n ON n.notice_id = r.notice_id
        WHERE NOT r.success
    """)
    connection.execute(
        "COMMENT ON VIEW quality.notice_findings IS 'Each notice''s data-quality findings in plain words, "
        "from the last run that checked it.'"
    )


def _duck_type(dtype: object) -> str:
    return {pl.String: "VARCHAR", pl.Boolean: "BOOLEAN", pl.Datetime: "TIMESTAMP"}[dtype]  # type: ignore[index]
