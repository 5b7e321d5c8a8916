"""Run the suites on frames from the warehouse; every result becomes a row of quality.expectation_results."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterator
from typing import Any, cast

import duckdb
import great_expectations as gx
import pandas as pd
from great_expectations.data_context import AbstractDataContext
from great_expectations.data_context.types.base import ProgressBarsConfig
from great_expectations.datasource.fluent import PandasDatasource

from ..settings import utc_now
from .results import Checked, ExpectationOutcome, scope
from .suites import Suite, expectation_name, severity_of

DATA_SOURCE = "warehouse"


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
    return checkpoint_of(suite, context or gx_context(), name)(frame)


def checkpoint_of(suite: Suite, context: AbstractDataContext, name: str | None = None) -> Callable[[pd.DataFrame], Any]:
    """The suite registered once in the context (under `name`, default the suite's): a function
    that validates a frame and returns its validation result, as often as it is called."""
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

    def validate(frame: pd.DataFrame) -> Any:
        result = checkpoint.run(batch_parameters={"dataframe": frame})
        return next(iter(result.run_results.values()))

    return validate


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


# Rows validated together, so the checks hold one batch at a time: at 100,000 notices, one frame of
# every problem (2.8 M rows) took the process from 0.7 to 1.8 GB, and it kept that memory for the
# rest of the run. Rows, not notices: each row is judged on its own (`Suite.about_rows`).
CHECK_BATCH_ROWS = 250_000


def check_suites(
    connection: duckdb.DuckDBPyConnection,
    suites: list[Suite],
    run_id: str,
    changed_only: bool = False,
    batch_rows: int = CHECK_BATCH_ROWS,
) -> Checked:
    """Validate every suite; findings are data, never an exception. Reads only.

    With `changed_only` (an incremental build: the published marts were made by this code), the
    expectations about rows look only at the notices loaded since the published build, whose rows
    are the only ones that can have changed; the expectations about whole tables (row counts) still
    look at everything. The rows are validated in batches of `batch_rows`, each batch's failures
    named by notice, and an expectation's outcome is that of all its batches: met when every batch
    meets it, its unexpected count their sum."""
    checked = Checked()
    context = gx_context()
    for suite in suites:
        for kind, part, where in (
            ("rows", suite.about_rows(), scope(changed_only)),
            ("tables", suite.about_tables(), "true"),
        ):
            if not part.configurations:
                continue
            validate = checkpoint_of(part, context, name=f"{suite.name}-{kind}")
            # A table's expectations need all its rows in one frame (they are few: a row per notice).
            rows_at_once = batch_rows if kind == "rows" else None
            _merge(checked, part, _frames(connection, f"{part.query} WHERE {where}", rows_at_once), validate, run_id)
    return checked


def _frames(connection: duckdb.DuckDBPyConnection, query: str, batch_rows: int | None) -> Iterator[pd.DataFrame]:
    """The query's rows as pandas frames of `batch_rows` (None: one frame); one empty frame when
    there is no row, so the expectations are still judged (on nothing) as one frame would be."""
    if batch_rows is None:
        yield connection.execute(query).to_arrow_table().to_pandas()
        return
    reader = connection.execute(query).to_arrow_reader(batch_rows)
    empty = True
    for batch in reader:
        empty = False
        yield batch.to_pandas()
    if empty:
        yield reader.schema.empty_table().to_pandas()


def _merge(
    checked: Checked,
    suite: Suite,
    frames: Iterator[pd.DataFrame],
    validate: Callable[[pd.DataFrame], Any],
    run_id: str,
) -> None:
    """The suite's results over every frame, as one validation of all their rows would give them:
    one expectation row and outcome per expectation, and a row per notice an expectation fails for."""
    expectation_rows: dict[str, dict] = {}
    outcomes: dict[str, ExpectationOutcome] = {}
    for frame in frames:
        rows, batch_outcomes = result_rows(suite, frame, validate(frame), run_id)
        for row in rows:
            if row["notice_id"] is not None:
                checked.rows.append(row)
                continue
            seen = expectation_rows.get(row["expectation"])
            if seen is None:
                expectation_rows[row["expectation"]] = row
            else:
                seen["success"] = seen["success"] and row["success"]
                seen["observed_value"] = summed_observed(seen["observed_value"], row["observed_value"])
        for outcome in batch_outcomes:
            seen_outcome = outcomes.get(outcome.expectation)
            outcomes[outcome.expectation] = (
                outcome
                if seen_outcome is None
                else dataclasses.replace(
                    seen_outcome,
                    success=seen_outcome.success and outcome.success,
                    unexpected_count=seen_outcome.unexpected_count + outcome.unexpected_count,
                )
            )
    checked.rows.extend(expectation_rows.values())
    checked.outcomes.extend(outcomes.values())


def summed_observed(first: str | None, second: str | None) -> str | None:
    """Two batches' observed values as one: a row expectation observes its unexpected count, and
    counts add up; other values are kept as they are, each once, never made into a number."""
    if first is not None and second is not None and first.isdigit() and second.isdigit():
        return str(int(first) + int(second))
    kept = [value for value in dict.fromkeys((first, second)) if value is not None]
    return "; ".join(kept) or None
