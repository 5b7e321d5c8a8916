"""Run the suites on frames from the warehouse; every result becomes a row of quality.expectation_results."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import duckdb
import great_expectations as gx
import pandas as pd
import polars as pl
from great_expectations.checkpoint import UpdateDataDocsAction
from great_expectations.checkpoint.actions import ValidationAction
from great_expectations.data_context import AbstractDataContext
from great_expectations.data_context.types.base import ProgressBarsConfig
from great_expectations.datasource.fluent import PandasDatasource

from ..settings import utc_now
from .suites import Suite, expectation_name, severity_of

RESULTS_TABLE = "quality.expectation_results"
DOCS_SITE = "notices"
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


def gx_context(docs_dir: Path | None = None) -> AbstractDataContext:
    """An ephemeral context (no GX state on disk but the Data Docs site, when one is asked for)."""
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    if docs_dir is not None:
        context.add_data_docs_site(
            site_name=DOCS_SITE,
            site_config={
                "class_name": "SiteBuilder",
                "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            },
        )
    context.data_sources.add_pandas(DATA_SOURCE)
    return context


def validate_frame(
    suite: Suite, frame: pd.DataFrame, context: AbstractDataContext | None = None, name: str | None = None
) -> Any:
    """GX validation of one pandas frame against one suite, through a checkpoint that updates Data Docs.

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
    actions: list[ValidationAction] = (
        [UpdateDataDocsAction(name="data_docs", site_names=[DOCS_SITE])] if context.get_site_names() else []
    )
    checkpoint = context.checkpoints.add(
        gx.Checkpoint(
            name=name,
            validation_definitions=[definition],
            actions=actions,
            result_format={"result_format": "COMPLETE"},
        )
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
    connection: duckdb.DuckDBPyConnection, suites: list[Suite], run_id: str, docs_dir: Path | None = None
) -> list[ExpectationOutcome]:
    """Validate every suite, write all results and (optionally) Data Docs; findings are data, never an exception."""
    all_rows: list[dict] = []
    outcomes: list[ExpectationOutcome] = []
    context = gx_context(docs_dir)
    for suite in suites:
        frame = connection.execute(suite.query).to_arrow_table().to_pandas()
        rows, suite_outcomes = result_rows(suite, frame, validate_frame(suite, frame, context), run_id)
        all_rows.extend(rows)
        outcomes.extend(suite_outcomes)
    write_results(connection, pl.DataFrame(all_rows, schema=RESULT_COLUMNS))
    return outcomes


def write_results(connection: duckdb.DuckDBPyConnection, results: pl.DataFrame) -> None:
    connection.execute("CREATE SCHEMA IF NOT EXISTS quality")
    columns = ", ".join(f"{name} {_duck_type(dtype)}" for name, dtype in RESULT_COLUMNS.items())
    connection.execute(f"CREATE TABLE IF NOT EXISTS {RESULTS_TABLE} ({columns})")
    connection.register("incoming_results", results.to_arrow())
    connection.execute(f"INSERT INTO {RESULTS_TABLE} SELECT * FROM incoming_results")
    connection.unregister("incoming_results")
    connection.execute(f"""
        CREATE OR REPLACE VIEW quality.notice_findings AS
        SELECT r.notice_id, n.title, r.suite, r.expectation, r.severity,
               r.description || coalesce(' (' || r.observed_value || ')', '') AS finding, r.checked_at
        FROM {RESULTS_TABLE} r
        LEFT JOIN marts.dim_notice n USING (notice_id)
        WHERE NOT r.success AND r.notice_id IS NOT NULL
          AND r.run_id = (SELECT run_id FROM {RESULTS_TABLE} ORDER BY checked_at DESC LIMIT 1)
    """)


def _duck_type(dtype: object) -> str:
    return {pl.String: "VARCHAR", pl.Boolean: "BOOLEAN", pl.Datetime: "TIMESTAMP"}[dtype]  # type: ignore[index]
