"""The whole nightly job on the samples, in a temporary data dir: real Dagster, real dbt, real DuckDB."""

from __future__ import annotations

import dataclasses
import datetime
import json
import os
import shutil
import signal
import subprocess
from collections import Counter
from pathlib import Path

import duckdb
import pytest
from conftest import (
    FILE_READER,
    SAMPLES,
    SampleBuild,
    add_sample_001_as,
    copy_of_sample_build,
    counts_around,
    index_contents,
)

from dagster_project.ingest import pending_against_published, scan
from dagster_project.publish import PARQUET_BUILD_INFO
from dagster_project.report import REPORT_DIR
from dagster_project.report.shown import SHOWN_BUILD
from dagster_project.run import RunFailed, RunSummary, run_if_needed, run_pipeline
from dagster_project.search import build_search_index, load_fts
from dagster_project.settings import DBT_PROJECT_DIR, Settings
from dagster_project.sources import load_sources

pytestmark = pytest.mark.integration  # runs the pipeline, a loopback site or a subprocess


@pytest.fixture(scope="module")
def settings(sample_build: SampleBuild, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The tests that run the job again, in order, on a copy of the shared sample build."""
    return copy_of_sample_build(sample_build, tmp_path_factory.mktemp("pipeline") / "data")


def query(path: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def test_first_run_loads_the_samples(sample_build: SampleBuild) -> None:
    first_run, settings = sample_build.summary, sample_build.settings
    assert (first_run.documents_seen, first_run.documents_new, first_run.documents_failed) == (3, 3, 0)
    assert first_run.published and (first_run.notices_in_marts, first_run.issues_in_marts) == (3, 84)
    stages = list(first_run.stage_seconds)
    assert stages[:7] == ["start-up", "crawl", "scan", "build setup", "parse", "load", "dbt"]
    assert sorted(stages[7:]) == ["checks", "publish", "report", "search"]  # checks and search in either order
    assert stages.index("publish") < stages.index("report") and all(s >= 0 for s in first_run.stage_seconds.values())
    assert not settings.build_path.exists()
    rows = query(
        settings.published_path,
        """
        select n.title, r.check_name, r.claimed_count, r.listed_count, r.is_consistent
        from marts.fct_reconciliation r join marts.dim_notice n using (notice_id)
        where r.check_name <> 'completion_rate' order by n.title, r.check_name
    """,
    )
    by_notice: dict[str, dict[str, tuple]] = {}
    for title, check, claimed, listed, consistent in rows:
        by_notice.setdefault(title[:6], {})[check] = (claimed, listed, consistent)
    assert by_notice["南康经开区党"] == {
        "basically_completed": (3, 3, True),
        "completed": (26, 25, False),
        "not_completed": (0, 0, True),
        "problems": (29, 28, False),
    }
    assert by_notice["XX经济开发"] == {
        "completed": (17, 18, False),
        "in_progress": (7, 6, False),
        "problems": (24, 24, True),
    }
    assert by_notice["中共湖南汨罗"] == {"problems": (14, 32, False)}


def test_completion_rate_accepts_truncation(sample_build: SampleBuild) -> None:
    settings = sample_build.settings
    rows = query(
        settings.published_path,
        """
        select claimed_value, round(computed_value, 3), is_consistent
        from marts.fct_reconciliation where check_name = 'completion_rate'
    """,
    )
    assert rows == [(89.65, 89.655, True)]


def test_marts_carry_dimensions(sample_build: SampleBuild) -> None:
    settings = sample_build.settings
    organizations = query(
        settings.published_path, "select province, city, district from marts.dim_organization order by province"
    )
    assert organizations == [("江苏", None, None), ("江西", "赣州", "南康"), ("湖南", "岳阳", "汨罗")]
    inspections = query(
        settings.published_path,
        "select inspection_group, inspection_level, inspection_type from marts.dim_inspection order by 1",
    )
    assert ("岳阳市委园区专项巡察组", "市委", "专项") in inspections
    statuses = query(
        settings.published_path,
        "select status, count(*) from marts.fct_issue group by status order by status nulls last",
    )
    assert statuses == [("basically_completed", 3), ("completed", 43), ("in_progress", 6), (None, 32)]


def test_quality_findings_are_exactly_the_known_ones(sample_build: SampleBuild) -> None:
    first_run, settings = sample_build.summary, sample_build.settings
    findings = query(
        settings.published_path,
        """
        select n.title, q.suite, q.severity, q.observed_value
        from quality.expectation_results q join marts.dim_notice n using (notice_id)
        where not q.success order by all
    """,
    )
    assert [(title[:6], suite, severity, observed) for title, suite, severity, observed in findings] == [
        ("XX经济开发", "reconciliation", "warning", "completed: 17 vs 18"),
        ("XX经济开发", "reconciliation", "warning", "in_progress: 7 vs 6"),
        ("中共湖南汨罗", "reconciliation", "warning", "problems: 14 vs 32"),
        ("南康经开区党", "reconciliation", "warning", "completed: 26 vs 25"),
        ("南康经开区党", "reconciliation", "warning", "problems: 29 vs 28"),
    ]
    failed_overall = query(
        settings.published_path,
        "select suite, expectation from quality.expectation_results where not success and notice_id is null",
    )
    assert failed_overall == [("reconciliation", "expect_column_pair_values_to_be_equal(claimed_count, listed_count)")]
    plain = query(settings.published_path, "select count(*), min(finding) from quality.notice_findings")
    assert plain[0][0] == 5 and plain[0][1].startswith("The summary claims a count the body does not list.")
    assert first_run.findings == 5
    assert query(settings.published_path, "select count(distinct run_id), count(*) from quality.checked_notices") == [
        (1, 3)
    ]


def test_second_run_with_nothing_new_changes_nothing(settings: Settings, tmp_path: Path) -> None:
    """…and, with DAGSTER_HOME set, is recorded in that instance for `dagster dev` to show."""
    import dagster as dg

    before = settings.published_path.stat()
    summary = run_pipeline(dataclasses.replace(settings, dagster_home=tmp_path))
    after = settings.published_path.stat()
    assert (summary.documents_seen, summary.documents_new, summary.published) == (3, 0, False)
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)
    assert query(settings.published_path, "select count(*) from raw.documents") == [(3,)]
    with dg.DagsterInstance.from_config(str(tmp_path)) as instance:
        runs = instance.get_runs()
    assert [(run.job_name, run.status) for run in runs] == [("nightly", dg.DagsterRunStatus.SUCCESS)]


def test_nothing_new_is_known_before_dagster_starts(settings: Settings) -> None:
    before = settings.published_path.stat()
    summary = run_if_needed(settings, load_sources(settings.sources_file))
    assert (summary.documents_seen, summary.documents_new, summary.published) == (3, 0, False)
    assert list(summary.stage_seconds) == ["scan"]  # the job never started
    assert (summary.notices_in_marts, summary.issues_in_marts, summary.findings) == (3, 84, 5)
    after = settings.published_path.stat()
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)


def test_a_night_with_nothing_new_makes_the_report_again_when_it_shows_another_build(settings: Settings) -> None:
    """As after a run that died, or whose report step failed, after publishing: the report is the
    build before's. Nothing is built; the report step alone runs, and the next night has nothing to do."""
    shown = settings.data_dir / REPORT_DIR / SHOWN_BUILD
    record = json.loads(shown.read_text(encoding="utf-8"))
    shown.write_text(json.dumps({**record, "built_at": "2026-01-01T00:00:00"}), encoding="utf-8")
    before = settings.published_path.stat()
    summary = run_if_needed(settings, load_sources(settings.sources_file))
    assert (summary.documents_new, summary.published, summary.report_remade) == (0, False, True)
    assert "report" in summary.stage_seconds and "dbt" not in summary.stage_seconds
    assert json.loads(shown.read_text(encoding="utf-8")) == record
    after = settings.published_path.stat()
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)
    summary = run_if_needed(settings, load_sources(settings.sources_file))
    assert list(summary.stage_seconds) == ["scan"] and not summary.report_remade


def test_a_parquet_set_of_another_build_is_not_up_to_date(settings: Settings, tmp_path: Path) -> None:
    """As after a run that died between replacing the file and switching the Parquet set: the set is
    the build before's, and the next run builds and publishes again though nothing is new."""
    refs = scan(settings, load_sources(settings.sources_file))
    assert pending_against_published(settings, refs) == ([], True)
    record = settings.parquet_dir / PARQUET_BUILD_INFO
    original = record.read_bytes()
    before = tmp_path / "build_info.parquet"
    with duckdb.connect() as connection:
        connection.execute(
            f"COPY (SELECT * REPLACE (built_at - INTERVAL 1 DAY AS built_at) FROM read_parquet('{record}')) "
            f"TO '{before}' (FORMAT parquet)"
        )
    record.write_bytes(before.read_bytes())
    try:
        assert pending_against_published(settings, refs) == ([], False)
        record.unlink()  # a set written before sets said which build they are
        assert pending_against_published(settings, refs) == ([], False)
    finally:
        record.write_bytes(original)
    assert pending_against_published(settings, refs) == ([], True)


def dbt_resource_types(settings: Settings) -> Counter[str]:
    """How many nodes of each type dbt's last build in this data dir ran (its run_results.json)."""
    results = json.loads((settings.dbt_target_dir / "run_results.json").read_text(encoding="utf-8"))
    return Counter(result["unique_id"].split(".")[0] for result in results["results"])


def test_reader_keeps_its_snapshot_while_a_run_publishes(settings: Settings) -> None:
    """A BI tool is another process holding the file open read-only across the publish."""

    def add_one_notice() -> RunSummary:
        add_sample_001_as(settings, "淮安")
        return run_pipeline(settings)

    cold_build = dbt_resource_types(settings)  # the copied data dir's: the samples' first build
    before, after, summary = counts_around(
        FILE_READER, [str(settings.published_path), "select count(*) from marts.dim_notice"], add_one_notice
    )
    assert (summary.documents_new, summary.published, summary.notices_in_marts) == (1, True, 4)
    # dbt's unit tests ran in the full build, not in this incremental one; its data tests ran in
    # both; the views (15 of 30 models) and seeds were built by the full build and kept by this one.
    incremental = dbt_resource_types(settings)
    assert cold_build["unit_test"] > 0 and "unit_test" not in incremental
    assert incremental["test"] == cold_build["test"] == 107
    assert (cold_build["model"], cold_build["seed"], incremental["model"], incremental["seed"]) == (30, 5, 15, 0)
    assert (before, after) == ("3", "3")
    assert query(settings.published_path, "select count(*) from marts.dim_notice") == [(4,)]
    # The marts of per-notice grain are incremental: the run added the new notice's rows and
    # kept every earlier notice's, each once.
    assert query(
        settings.published_path,
        """
        select (select count(distinct notice_id) from marts.dim_notice),
               (select count(*) from marts.fct_issue), (select count(distinct issue_key) from marts.fct_issue),
               (select count(distinct notice_id) from marts.fct_claim),
               (select count(distinct notice_id) from marts.fct_evidence)
    """,
    ) == [(4, 84 + 24, 84 + 24, 4, 4)]


def test_checks_look_again_only_at_the_new_notice(settings: Settings) -> None:
    """The run that added 淮安's notice judged its rows alone; the samples keep their findings."""
    latest_run = "(select run_id from quality.expectation_results order by checked_at desc limit 1)"
    judged = query(
        settings.published_path,
        f"""
        select distinct n.title[:2] from quality.expectation_results r join marts.dim_notice n using (notice_id)
        where r.run_id = {latest_run}
    """,
    )
    assert judged == [("淮安",)]
    row_count_check = query(
        settings.published_path,
        f"select observed_value from quality.expectation_results where run_id = {latest_run} "
        "and expectation = 'expect_table_row_count_to_be_between'",
    )
    assert row_count_check == [("4",)]  # a whole-table expectation still sees every notice
    findings = query(
        settings.published_path, "select title[:2], count(*) from quality.notice_findings group by all order by all"
    )
    assert findings == [("XX", 2), ("中共", 1), ("南康", 2), ("淮安", 2)]


def test_a_night_builds_into_the_warehouse_the_night_before_replaced(settings: Settings) -> None:
    """The last publish kept the samples' warehouse (without 淮安) as the previous file: this night
    builds into it, bringing over 淮安's rows, and keeps the warehouse it replaces in its turn."""
    published_before = settings.published_path.stat().st_ino
    previous = settings.previous_path.stat().st_ino
    add_sample_001_as(settings, "常州")
    summary = run_pipeline(settings)
    assert summary.build_began_as == "the previous warehouse, caught up by 1 notice"
    assert (summary.documents_new, summary.published, summary.notices_in_marts) == (1, True, 5)
    assert settings.published_path.stat().st_ino == previous
    assert settings.previous_path.stat().st_ino == published_before
    assert query(
        settings.published_path,
        """
        select (select count(*) from raw.documents), (select count(*) from raw.issues),
               (select count(*) from marts.fct_issue), (select count(distinct notice_id) from marts.fct_evidence),
               (select count(distinct run_id) from quality.expectation_results),
               (select count(*) from quality.checked_notices),
               (select list(title[:2] order by title) from marts.dim_notice where title[:2] in ('淮安', '常州'))
    """,
    ) == [(5, 84 + 48, 84 + 48, 5, 3, 5, ["常州", "淮安"])]


INCREMENTAL_MARTS = ["dim_notice", "fct_issue", "fct_measure", "fct_claim", "fct_evidence", "fct_parser_warning"]


def test_incremental_marts_equal_a_full_rebuild(settings: Settings, tmp_path: Path) -> None:
    """After the run that added one notice incrementally, dbt --full-refresh on a copy gives the same rows."""
    rebuilt = tmp_path / "notices.duckdb"  # dbt-duckdb names the catalog after the file
    shutil.copyfile(settings.published_path, rebuilt)
    dbt = shutil.which("dbt")
    assert dbt
    result = subprocess.run(
        [dbt, "build", "--full-refresh", "--select", *INCREMENTAL_MARTS, "--target-path", str(tmp_path / "target"),
         "--log-path", str(tmp_path), "--vars", json.dumps({"duckdb_path": str(rebuilt)})],
        cwd=DBT_PROJECT_DIR, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-2000:]
    with duckdb.connect(str(rebuilt), read_only=True) as connection:
        connection.execute(f"ATTACH '{settings.published_path}' AS nightly (READ_ONLY)")
        for model in INCREMENTAL_MARTS:
            differences = connection.execute(f"""
                select count(*) from (
                    (select * from marts.{model} except all select * from nightly.marts.{model})
                    union all
                    (select * from nightly.marts.{model} except all select * from marts.{model})
                )
            """).fetchone()
            assert differences == (0,), model
    # The search index the nightly run updated in place equals one built anew from the same marts.
    with duckdb.connect(str(rebuilt)) as connection:
        build_search_index(connection)
        connection.execute(f"ATTACH '{settings.published_path}' AS nightly (READ_ONLY)")
        load_fts(connection)
        assert index_contents(connection) == index_contents(connection, "nightly")
        assert len(index_contents(connection)["docs"]) > 200  # type: ignore[arg-type]


def test_failed_run_leaves_the_last_good_warehouse(settings: Settings) -> None:
    (settings.inbox_dir / "another.txt").write_text(
        "关于巡察整改进展情况的通报\n现将整改情况通报如下。", encoding="utf-8"
    )
    settings.build_path.mkdir(parents=True)  # the build file cannot be created: the run fails mid-way
    try:
        with pytest.raises(RunFailed):
            run_pipeline(settings)
    finally:
        shutil.rmtree(settings.build_path)
    assert query(settings.published_path, "select count(*) from raw.documents") == [(5,)]
    assert query(settings.published_path, "select count(*) from marts.dim_notice") == [(5,)]


def test_a_run_killed_in_its_dbt_step_leaves_the_last_good_warehouse_and_the_next_run_completes(
    sample_build: SampleBuild, tmp_path: Path
) -> None:
    """`notices run` killed with SIGKILL (its whole process group: the CLI, its workers, dbt) once
    dbt has started on a build that loaded a new notice: readers keep the last good warehouse, and
    the next run builds from it again, with every notice once."""
    settings = copy_of_sample_build(sample_build, tmp_path / "data")
    add_sample_001_as(settings, "扬州")
    env = {**os.environ, "NOTICES_DATA_DIR": str(settings.data_dir)}
    env.pop("NOTICES_DUCKDB_PATH", None)
    notices = shutil.which("notices")
    assert notices
    run = subprocess.Popen(
        [notices, "run", "--verbose"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, to kill as a whole
    )
    try:
        assert run.stdout is not None
        for line in run.stdout:
            if "Running dbt command" in line:  # dagster-dbt's line as it starts dbt
                break
        else:
            pytest.fail("the run ended before its dbt step")
        os.killpg(run.pid, signal.SIGKILL)
    finally:
        run.wait(timeout=60)
    assert settings.build_path.exists()  # the half build
    assert query(settings.published_path, "select count(*) from marts.dim_notice") == [(3,)]
    summary = run_if_needed(settings, load_sources(settings.sources_file))
    assert (summary.documents_new, summary.published, summary.notices_in_marts) == (1, True, 4)
    assert not settings.build_path.exists()
    assert query(
        settings.published_path,
        """
        select (select count(*) from raw.documents), (select count(distinct document_id) from raw.documents),
               (select count(*) from marts.dim_notice), (select count(distinct notice_id) from marts.dim_notice),
               (select count(*) from marts.fct_issue), (select count(distinct issue_key) from marts.fct_issue)
        """,
    ) == [(4, 4, 4, 4, 84 + 24, 84 + 24)]
    assert list(run_if_needed(settings, load_sources(settings.sources_file)).stage_seconds) == ["scan"]


def test_critical_expectation_blocks_the_publish(settings: Settings) -> None:
    """A problem with an empty title (关于“”问题) fails a critical expectation: nothing is published."""
    before = settings.published_path.stat()
    text = (SAMPLES / "001_dd361c94b27cbe2f.txt").read_text(encoding="utf-8")
    broken = text.replace("XX", "宿迁").replace("关于“部分产业集聚效应不明显”问题的整改", "关于“”问题的整改")
    (settings.inbox_dir / "another.txt").unlink(missing_ok=True)
    (settings.inbox_dir / "broken.txt").write_text(broken, encoding="utf-8")
    with pytest.raises(RunFailed, match="issues__expect_column_value_lengths_to_be_between_title"):
        run_pipeline(settings)
    after = settings.published_path.stat()
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)
    assert query(settings.published_path, "select count(*) from marts.dim_notice") == [(5,)]


def test_every_claim_can_be_quoted_from_the_notice_text(sample_build: SampleBuild) -> None:
    settings = sample_build.settings
    rows = query(
        settings.published_path,
        """
        select n.title, c.status, c.claimed_count, c.evidence_text,
               substr(n.notice_text, c.evidence_start + 1, c.evidence_end - c.evidence_start) = c.evidence_text
        from marts.fct_claim c join marts.dim_notice n using (notice_id)
        where c.claim_scope = 'main' order by n.title, c.status
    """,
    )
    assert all(matches for *_, matches in rows)
    quoted = {(title[:6], status): (count, text) for title, status, count, text, _ in rows}
    count, text = quoted[("南康经开区党", "completed")]
    assert count == 26 and "已完成整改26个" in text
    # Every feedback date in the marts has its sentence (and there is none without a date).
    assert query(
        settings.published_path,
        """
        select count(*) filter (where e.notice_id is null), count(*) filter (where n.feedback_date is null)
        from marts.dim_notice n left join marts.fct_evidence e
            on e.notice_id = n.notice_id and e.fact_name = 'feedback_date'
    """,
    ) == [(0, 0)]


def test_every_mart_table_and_column_explains_itself_in_the_file(sample_build: SampleBuild) -> None:
    """dbt's persist_docs: DBeaver, Harlequin and Metabase show these comments beside the names."""
    published = sample_build.settings.published_path
    undescribed = query(
        published,
        """
        select table_name, column_name from duckdb_columns()
        where schema_name in ('marts', 'raw', 'seeds') and (comment is null or comment = '')
        union all
        select table_name, null from duckdb_tables()
        where schema_name in ('marts', 'raw', 'seeds', 'quality', 'meta') and (comment is null or comment = '')
    """,
    )
    assert undescribed == []
    [(sign,)] = query(
        published,
        "select comment from duckdb_columns() where table_name = 'fct_reconciliation' and column_name = 'difference'",
    )
    assert sign.startswith("listed_count − claimed_count: positive when the body lists more")


def test_progress_report_says_unknown_where_the_body_files_no_status(sample_build: SampleBuild) -> None:
    rows = query(
        sample_build.settings.published_path,
        """
        select left(title, 6), inspection_end, district, source_url, listed_problems, listed_completed,
               listed_basically_completed, inspection_key is not null
        from marts.rpt_notice_progress order by title
    """,
    )
    assert rows == [
        ("XX经济开发", datetime.date(2022, 9, 5), None, None, 24, 18, 0, True),
        ("中共湖南汨罗", datetime.date(2023, 4, 25), "汨罗", None, 32, None, None, True),  # sample 003: no statuses
        ("南康经开区党", datetime.date(2023, 6, 6), "南康", None, 28, 25, 3, True),
    ]


def test_each_sample_inspection_has_its_lags(sample_build: SampleBuild) -> None:
    rows = query(
        sample_build.settings.published_path,
        """
        select left(i.issuer, 8), i.progress_notices, i.feedback_lag_days, i.notice_lag_days,
               i.expected_period_basis, i.due_date, i.is_late, count(p.notice_id)
        from marts.fct_inspection i left join marts.rpt_notice_progress p using (inspection_key)
        group by all order by 1
    """,
    )
    # 南康: inspection ended 2023-06-06, feedback 2023-07-28 (52 days), counts as of 2023-10-27 (91
    # days later): one day past the default 90.
    assert rows == [
        ("中共江苏XX经济", 1, 25, 222, "default", datetime.date(2022, 12, 29), True, 1),
        ("中共江西南康经济", 1, 52, 91, "default", datetime.date(2023, 10, 26), True, 1),
        ("中共湖南汨罗高新", 1, 91, 100, "default", datetime.date(2023, 10, 23), True, 1),
    ]


def test_the_marts_are_published_as_parquet_that_polars_reads(sample_build: SampleBuild) -> None:
    import polars as pl

    parquet = sample_build.settings.parquet_dir
    assert parquet.is_symlink() and parquet.resolve().parent == sample_build.settings.warehouse_dir
    marts = query(
        sample_build.settings.published_path,
        "select table_name, estimated_size from duckdb_tables() where schema_name = 'marts' order by 1",
    )
    # Every mart but the search index's input, which serves nothing without the index.
    assert "search_documents" in [name for name, _ in marts]
    marts = [(name, size) for name, size in marts if name != "search_documents"]
    assert sorted(path.stem for path in parquet.glob("*.parquet")) == [name for name, _ in marts]
    assert pl.read_parquet(parquet / "dim_notice.parquet").height == 3
    assert pl.read_parquet(parquet / "fct_issue.parquet").select(pl.col("notice_id").n_unique()).item() == 3
    for name, _ in marts:
        [(rows,)] = query(sample_build.settings.published_path, f"select count(*) from marts.{name}")
        assert pl.scan_parquet(parquet / f"{name}.parquet").select(pl.len()).collect().item() == rows, name
    # The set says which build it was written from, as the file's meta.build_info does.
    build_info = pl.read_parquet(parquet / PARQUET_BUILD_INFO)
    [(built_at, notices)] = query(sample_build.settings.published_path, "select built_at, notices from meta.build_info")
    assert build_info.select("built_at", "notices").rows() == [(built_at, notices)]


def test_a_failure_after_publishing_says_the_warehouse_was_published(settings: Settings) -> None:
    """The report step comes after the publish: when it fails, the new warehouse is already out."""
    (settings.inbox_dir / "broken.txt").unlink(missing_ok=True)  # the critical test's notice
    add_sample_001_as(settings, "盐城")
    report = settings.data_dir / "report"
    if report.is_symlink():
        report.unlink()
    shutil.rmtree(report, ignore_errors=True)
    report.write_text("a file where the report's link goes", encoding="utf-8")
    try:
        with pytest.raises(RunFailed, match=r"^the warehouse was published, but step notices_report failed: "):
            run_pipeline(settings)
    finally:
        report.unlink()
    titles = query(settings.published_path, "select count(*) from marts.dim_notice where title like '盐城%'")
    assert titles == [(1,)]
