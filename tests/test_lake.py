"""NOTICES_CATALOG=ducklake: the nightly run commits one DuckLake snapshot per publish."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from conftest import SampleBuild, add_sample_001_as, copy_of_sample_build, counts_around

from dagster_project.lake import LAKE, attach_statement, connect_catalog
from dagster_project.run import RunSummary, run_pipeline
from dagster_project.settings import Settings, SettingsError, load_settings

pytestmark = pytest.mark.integration  # runs the pipeline

# Another process, as a BI client would be: attaches the catalog read-only and counts notices,
# again after a line on stdin.
READER = """
import sys
from dagster_project.extensions import load_extension
import duckdb
connection = duckdb.connect()
load_extension(connection, "sqlite_scanner")
load_extension(connection, "ducklake")
connection.execute(sys.argv[1])
count = lambda: connection.execute("select count(*) from lake.marts.dim_notice").fetchone()[0]
print(count(), flush=True)
sys.stdin.readline()
print(count(), flush=True)
"""


@pytest.fixture(scope="module")
def settings(sample_build: SampleBuild, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    copied = copy_of_sample_build(sample_build, tmp_path_factory.mktemp("lake") / "data")
    return dataclasses.replace(
        copied,
        catalog="ducklake",
        ducklake_metadata=f"sqlite:{copied.warehouse_dir / 'notices.ducklake'}",
        ducklake_data_path=f"{copied.warehouse_dir / 'lake'}/",
    )


def snapshots(settings: Settings) -> list[int]:
    with connect_catalog(settings, read_only=True) as connection:
        return [
            row[0] for row in connection.execute(f"select snapshot_id from ducklake_snapshots('{LAKE}')").fetchall()
        ]


def test_the_first_run_commits_the_warehouse_as_one_snapshot(settings: Settings) -> None:
    summary = run_pipeline(settings)  # nothing new, but the catalog does not hold this build yet
    assert summary.published and summary.notices_in_marts == 3
    assert snapshots(settings) == [0, 1]  # 0 is DuckLake's own (the catalog made)
    with connect_catalog(settings, read_only=True) as connection:
        counts = connection.execute(
            "select (select count(*) from lake.marts.dim_notice), (select count(*) from lake.marts.fct_issue), "
            "(select count(*) from lake.raw.documents), (select count(*) from lake.quality.notice_findings)"
        ).fetchone()
        comment = connection.execute(
            "select comment from duckdb_columns() where database_name = 'lake' and table_name = 'fct_reconciliation' "
            "and column_name = 'difference'"
        ).fetchone()
    assert counts == (3, 84, 3, 5)
    assert comment and comment[0].startswith("listed_count − claimed_count")
    data_files = list((settings.warehouse_dir / "lake").rglob("*.parquet"))
    assert {path.relative_to(settings.warehouse_dir / "lake").parts[0] for path in data_files} == {
        "raw", "marts", "quality", "meta"
    }  # fmt: skip


def test_a_second_night_adds_a_snapshot_while_a_reader_keeps_its_own(settings: Settings) -> None:
    def add_one_notice() -> RunSummary:
        add_sample_001_as(settings, "淮安")
        return run_pipeline(settings)  # the reader holds the catalog attached all along

    before, after, summary = counts_around(READER, [attach_statement(settings, read_only=True)], add_one_notice)
    assert (summary.documents_new, summary.published, summary.notices_in_marts) == (1, True, 4)
    # Built into the samples' first warehouse, which the first night replaced: the rows written to the
    # catalog are those loaded since that one was built.
    assert summary.build_began_as == "the previous warehouse, caught up by 0 notices"
    assert (before, after) == ("3", "4")  # a new query reads the latest snapshot
    assert snapshots(settings) == [0, 1, 2]
    with connect_catalog(settings, read_only=True) as connection:
        then, now = connection.execute(
            "select (select count(*) from lake.marts.dim_notice at (version => 1)), "
            "(select count(*) from lake.marts.dim_notice)"
        ).fetchone() or (None, None)
        issues = connection.execute("select count(*), count(distinct issue_key) from lake.marts.fct_issue").fetchone()
        changes = connection.execute(
            f"select changes from ducklake_snapshots('{LAKE}') where snapshot_id = 2"
        ).fetchone()
    assert (then, now) == (3, 4)
    assert issues == (84 + 24, 84 + 24)  # the new notice's rows added, none twice
    assert changes is not None and "marts.dim_notice" not in changes[0].get("tables_created", [])  # by rows


def test_nothing_new_and_the_catalog_current_publishes_nothing(settings: Settings) -> None:
    summary = run_pipeline(settings)
    assert summary.published is False
    assert snapshots(settings) == [0, 1, 2]


def test_an_unknown_catalog_is_a_setting_error(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="NOTICES_CATALOG='iceberg' must be one of duckdb, ducklake"):
        load_settings({"NOTICES_DATA_DIR": str(tmp_path), "NOTICES_CATALOG": "iceberg"})
