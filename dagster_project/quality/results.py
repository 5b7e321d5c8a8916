"""The checks' results as rows of the warehouse: quality.expectation_results, quality.checked_notices
and the quality.notice_findings view. No Great Expectations here (validate.py has it): the process
that writes the results need not import it."""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb
import polars as pl

from ..publish import CHANGED_NOTICES
from .tables import CHECKED_TABLE, RESULTS_TABLE

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


@dataclass
class Checked:
    """What the checks found: the rows for quality.expectation_results and an outcome per expectation."""

    rows: list[dict] = field(default_factory=list)
    outcomes: list[ExpectationOutcome] = field(default_factory=list)


def scope(changed_only: bool) -> str:
    """The notices whose rows are checked: those loaded since the published build, or all."""
    return f"notice_id IN ({CHANGED_NOTICES})" if changed_only else "true"


def save_checked(connection: duckdb.DuckDBPyConnection, checked: Checked, run_id: str, changed_only: bool) -> None:
    """The results written, and the notices checked recorded as checked by this run."""
    write_results(connection, pl.DataFrame(checked.rows, schema=RESULT_COLUMNS))
    record_checked_notices(connection, run_id, scope(changed_only))


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
