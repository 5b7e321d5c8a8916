"""Every expectation of every suite passes on a good row and fails on a crafted bad one."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest

from dagster_project.quality.suites import Suite, expectation_name, load_suites
from dagster_project.settings import EXPECTATIONS_DIR

SUITES = {suite.name: suite for suite in load_suites(EXPECTATIONS_DIR)}

GOOD: dict[str, dict[str, Any]] = {
    "raw_notices": {
        "notice_id": "n1",
        "issuer": "中共某某县委",
        "inspection_kind": "巡察",
        "listed_problems": 3,
        "inspection_start": date(2023, 3, 1),
        "inspection_end": date(2023, 4, 1),
        "feedback_date": date(2023, 5, 1),
        "as_of_date": date(2023, 9, 1),
        "signed_date": date(2023, 10, 1),
        "published_date": date(2023, 10, 8),
        "inspection_start_year": 2023,
        "signed_year": 2023,
    },
    "claims": {
        "notice_id": "n1",
        "claimed_total": 29,
        "completed": 26,
        "status_sum": 29,
        "rate_follows_from_counts": True,
    },
    "reconciliation": {"notice_id": "n1", "check_name": "completed", "claimed_count": 26, "listed_count": 26},
    "issues": {
        "notice_id": "n1",
        "issue_key": "n1-001",
        "title": "招商引资质效不佳",
        "seq_gap": 0,
        "same_title_count": 1,
    },
}

# expectation name → the change to the good row that must make it fail
BAD: dict[str, dict[str, dict[str, Any]]] = {
    "raw_notices": {
        "expect_table_row_count_to_be_between": {"__empty__": True},
        "expect_column_values_to_not_be_null(issuer)": {"issuer": None},
        "expect_column_values_to_not_be_null(inspection_kind)": {"inspection_kind": None},
        "expect_column_values_to_be_between(listed_problems)": {"listed_problems": 0},
        "expect_column_values_to_be_between(inspection_start_year)": {"inspection_start_year": 1203},
        "expect_column_values_to_be_between(signed_year)": {"signed_year": 2231},
        "expect_column_pair_values_a_to_be_greater_than_b(inspection_end, inspection_start)": {
            "inspection_end": date(2023, 2, 1)
        },
        "expect_column_pair_values_a_to_be_greater_than_b(feedback_date, inspection_end)": {
            "feedback_date": date(2023, 3, 20)
        },
        "expect_column_pair_values_a_to_be_greater_than_b(as_of_date, feedback_date)": {
            "as_of_date": date(2023, 4, 20)
        },
        "expect_column_pair_values_a_to_be_greater_than_b(signed_date, feedback_date)": {
            "signed_date": date(2023, 4, 30)
        },
        "expect_column_pair_values_a_to_be_greater_than_b(published_date, signed_date)": {
            "published_date": date(2023, 9, 30)
        },
    },
    "claims": {
        "expect_column_pair_values_a_to_be_greater_than_b(claimed_total, completed)": {
            "completed": 30,
            "status_sum": None,
        },
        "expect_column_pair_values_to_be_equal(status_sum, claimed_total)": {"status_sum": 28},
        "expect_column_values_to_be_in_set(rate_follows_from_counts)": {"rate_follows_from_counts": False},
    },
    "reconciliation": {
        "expect_column_pair_values_to_be_equal(claimed_count, listed_count)": {"listed_count": 25},
    },
    "issues": {
        "expect_column_value_lengths_to_be_between(title)": {"title": ""},
        "expect_column_values_to_be_in_set(seq_gap)": {"seq_gap": 1},
        "expect_column_values_to_be_between(same_title_count)": {"same_title_count": 2},
    },
}


def another(row: dict[str, Any]) -> dict[str, Any]:
    """The same good row for a second notice."""
    return {**row, "notice_id": "n2", **({"issue_key": "n2-001"} if "issue_key" in row else {})}


_VALIDATIONS = itertools.count()


@pytest.fixture(scope="module")
def gx_validate():  # type: ignore[no-untyped-def]
    """One GX context for the module, imported here (GX takes seconds to load), not at collection."""
    from dagster_project.quality.validate import gx_context, validate_frame

    context = gx_context()
    return lambda suite, frame: validate_frame(suite, frame, context, name=f"{suite.name}-{next(_VALIDATIONS)}")


def outcomes(validate, suite: Suite, rows: list[dict[str, Any]]) -> dict[str, bool]:  # type: ignore[no-untyped-def]
    frame = pd.DataFrame(rows, columns=list(GOOD[suite.name]))
    result = validate(suite, frame)
    return {expectation_name(r.expectation_config): bool(r.success) for r in result.results}


def test_every_expectation_has_a_crafted_failure() -> None:
    for name, suite in SUITES.items():
        assert sorted(expectation_name(c) for c in suite.configurations) == sorted(BAD[name]), name


@pytest.mark.parametrize("suite_name", sorted(GOOD))
def test_good_rows_pass_every_expectation(gx_validate, suite_name: str) -> None:  # type: ignore[no-untyped-def]
    suite = SUITES[suite_name]
    good = GOOD[suite_name]
    assert all(outcomes(gx_validate, suite, [good, another(good)]).values())


@pytest.mark.parametrize(
    ("suite_name", "expectation"), [(s, e) for s, changes in sorted(BAD.items()) for e in sorted(changes)]
)
def test_each_expectation_fails_on_its_bad_row(gx_validate, suite_name: str, expectation: str) -> None:  # type: ignore[no-untyped-def]
    suite = SUITES[suite_name]
    change = BAD[suite_name][expectation]
    good = GOOD[suite_name]
    if change.get("__empty__"):
        rows: list[dict[str, Any]] = []
    elif change.get("__duplicate__"):
        rows = [good, dict(good)]
    else:
        rows = [good, {**another(good), **change}]
    result = outcomes(gx_validate, suite, rows)
    assert result[expectation] is False
    others = {name: ok for name, ok in result.items() if name != expectation}
    if not change.get("__empty__") and not change.get("__duplicate__"):
        assert all(others.values()), others


def test_every_expectation_has_a_severity_and_description() -> None:
    for suite in SUITES.values():
        for configuration in suite.configurations:
            assert configuration.meta["severity"] in ("critical", "warning")
            assert configuration.meta["description"]


def _warehouse_of(suite_name: str, rows: list[dict[str, Any]]) -> duckdb.DuckDBPyConnection:
    """An in-memory warehouse whose quality model of the suite holds the rows."""
    connection = duckdb.connect()
    schema, table = SUITES[suite_name].asset
    connection.execute(f"CREATE SCHEMA {schema}")
    connection.register("given_rows", pd.DataFrame(rows, columns=list(GOOD[suite_name])))
    connection.execute(f"CREATE TABLE {schema}.{table} AS SELECT * FROM given_rows")
    return connection


def _notice(number: int, **change: Any) -> dict[str, Any]:
    return {**GOOD["raw_notices"], "notice_id": f"n{number}", **change}


def test_checks_in_batches_find_what_one_frame_finds() -> None:
    """Seven notices validated two rows at a time: the failures of the second and third batch are
    named by notice, and every expectation's result is the one a single frame gives."""
    from dagster_project.quality.validate import check_suites

    rows = [_notice(n) for n in range(1, 8)]
    rows[2] = _notice(3, issuer=None)
    rows[5] = _notice(6, signed_year=2231, published_date=None)
    suite = SUITES["raw_notices"]
    with _warehouse_of("raw_notices", rows) as connection:
        whole = check_suites(connection, [suite], "run-1", batch_rows=100)
        batched = check_suites(connection, [suite], "run-1", batch_rows=2)

    def comparable(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        return sorted((r["expectation"], str(r["notice_id"]), r["success"], str(r["observed_value"])) for r in rows)

    assert comparable(batched.rows) == comparable(whole.rows)
    assert batched.outcomes == whole.outcomes
    failing = {(row["expectation"], row["notice_id"]) for row in batched.rows if row["notice_id"] is not None}
    assert failing == {
        ("expect_column_values_to_not_be_null(issuer)", "n3"),
        ("expect_column_values_to_be_between(signed_year)", "n6"),
    }
    outcome = {o.expectation: (o.success, o.unexpected_count) for o in batched.outcomes}
    assert outcome["expect_column_values_to_not_be_null(issuer)"] == (False, 1)
    assert outcome["expect_column_values_to_be_between(signed_year)"] == (False, 1)
    assert outcome["expect_column_values_to_not_be_null(inspection_kind)"] == (True, 0)
    assert outcome["expect_table_row_count_to_be_between"] == (True, 0)
    summary = {r["expectation"]: r["observed_value"] for r in batched.rows if r["notice_id"] is None}
    assert summary["expect_column_values_to_not_be_null(issuer)"] == "1"
    assert summary["expect_table_row_count_to_be_between"] == "7"  # the whole table, never a batch


def test_checks_of_an_empty_model_judge_every_expectation() -> None:
    """No row at all: each expectation still has its outcome (the row count one fails), none is dropped."""
    from dagster_project.quality.validate import check_suites

    suite = SUITES["raw_notices"]
    with _warehouse_of("raw_notices", []) as connection:
        checked = check_suites(connection, [suite], "run-1", batch_rows=2)
    outcome = {o.expectation: o.success for o in checked.outcomes}
    assert sorted(outcome) == sorted(expectation_name(c) for c in suite.configurations)
    assert [name for name, success in outcome.items() if not success] == ["expect_table_row_count_to_be_between"]


def test_batch_observed_values_add_up_only_when_they_are_counts() -> None:
    from dagster_project.quality.validate import summed_observed

    assert summed_observed("2", "3") == "5"
    assert summed_observed("0", "0") == "0"
    assert summed_observed("[1, 2]", "[1, 2]") == "[1, 2]"
    assert summed_observed("1.5", "2") == "1.5; 2"
    assert summed_observed(None, "2") == "2"
    assert summed_observed(None, None) is None


@pytest.mark.integration
def test_a_full_check_runs_in_a_worker_and_its_results_land_in_the_build_file(tmp_path: Path) -> None:
    """Every notice checked (changed_only false): the worker reads the file, this process writes
    the results, and the failing notice is named in quality.notice_findings."""
    from dagster_project.quality.step import ChecksWorker

    build = tmp_path / "notices.duckdb"
    rows = [_notice(1), _notice(2, inspection_kind=None)]
    with _warehouse_of("raw_notices", rows) as memory:
        memory.execute(f"ATTACH '{build}' AS build")
        memory.execute("CREATE SCHEMA build.quality")
        memory.execute("CREATE SCHEMA build.marts")
        memory.execute("CREATE TABLE build.quality.qa_notice_dates AS SELECT * FROM quality.qa_notice_dates")
        memory.execute(
            "CREATE TABLE build.marts.dim_notice AS SELECT notice_id, 'a title' AS title FROM quality.qa_notice_dates"
        )
    with ChecksWorker() as worker:
        outcomes = worker.check_build(build, [SUITES["raw_notices"]], "run-1", changed_only=False)
    assert {o.expectation: o.success for o in outcomes}["expect_column_values_to_not_be_null(inspection_kind)"] is False
    with duckdb.connect(str(build), read_only=True) as connection:
        assert connection.execute("SELECT count(*) FROM quality.checked_notices WHERE run_id = 'run-1'").fetchone() == (
            2,
        )
        assert connection.execute("SELECT notice_id, expectation FROM quality.notice_findings").fetchall() == [
            ("n2", "expect_column_values_to_not_be_null(inspection_kind)")
        ]


@pytest.mark.integration
def test_the_checks_worker_starts_when_made_and_ends_when_let_go_without_checks() -> None:
    """Its process starts at once (GX's imports then overlap the steps before the checks), and a
    run that ends without checks leaves no process behind."""
    import psutil

    from dagster_project.quality.step import ChecksWorker

    before = {process.pid for process in psutil.Process().children(recursive=True)}
    worker = ChecksWorker()
    started = [
        process
        for process in psutil.Process().children(recursive=True)
        if process.pid not in before and "spawn_main" in " ".join(process.cmdline())  # not the resource tracker
    ]
    assert len(started) == 1
    worker.close()
    _, alive = psutil.wait_procs(started, timeout=60)
    assert alive == []
