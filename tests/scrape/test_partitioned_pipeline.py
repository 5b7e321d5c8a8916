"""`notices run --workers 2`: sites crawled and parsed by their partitions in parallel processes, then one build."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from pytest_httpserver import HTTPServer

from dagster_project.run import run_pipeline
from dagster_project.settings import load_settings

pytestmark = pytest.mark.integration  # runs the pipeline, loopback sites and subprocesses

CRAWL = "crawl: {min_delay_seconds: 0.2, timeout_seconds: 2, retries: 0}\n"


def sources_file(tmp_path: Path, sites: dict[str, HTTPServer]) -> Path:
    path = tmp_path / "sources.yaml"
    entries = "".join(
        f"  - name: {name}\n    start_urls: ['{server.url_for('/xcgz/index.html')}']\n"
        for name, server in sites.items()
    )
    path.write_text(f"{CRAWL}sources:\n{entries}local_dirs: []\n", encoding="utf-8")
    return path


def test_two_sources_crawled_by_parallel_partitions_reach_the_marts(
    small_sites: Callable[[list[str]], HTTPServer], tmp_path: Path
) -> None:
    first = small_sites(["000_6c1e6bb6a10f6a96.txt", "001_dd361c94b27cbe2f.txt"])
    second = small_sites(["003_62a7f6b933f753fb.txt"])
    home = tmp_path / "dagster_home"
    home.mkdir()
    settings = load_settings(
        {
            "NOTICES_DATA_DIR": str(tmp_path / "data"),
            "NOTICES_SOURCES": str(sources_file(tmp_path, {"first": first, "second": second})),
            "DAGSTER_HOME": str(home),
        }
    )
    summary = run_pipeline(settings, workers=2)
    assert summary.published and summary.failed_sources == {}
    assert (summary.documents_new, summary.documents_failed) == (3, 0)
    # Each partition parsed what it crawled; the build loaded those outcomes and deleted their files.
    assert summary.documents_parsed_ahead == 3
    assert list((settings.raw_dir / "parsed").rglob("*.json")) == []
    with duckdb.connect(str(settings.published_path), read_only=True) as connection:
        by_host = dict(
            connection.execute(
                "select regexp_extract(source_url, ':(\\d+)/', 1), count(*) from marts.dim_notice group by 1"
            ).fetchall()
        )
        sources = dict(connection.execute("select source, count(*) from raw.fetch_log group by 1").fetchall())
    assert by_host == {str(first.port): 2, str(second.port): 1}
    assert sources == {"first": 3, "second": 2}  # the list page and its articles; robots.txt is no fetch row
    instance = dg.DagsterInstance.from_config(str(home))
    assert sorted(instance.get_dynamic_partitions("sources")) == ["first", "second"]
    crawls = instance.get_run_records(dg.RunsFilter(job_name="crawl_sources"))
    assert sorted(r.dagster_run.tags["dagster/partition"] for r in crawls) == ["first", "second"]
    assert {r.dagster_run.status for r in crawls} == {dg.DagsterRunStatus.SUCCESS}
    # Both partitions ran at once: each started before the other ended.
    starts, ends = [r.start_time or 0.0 for r in crawls], [r.end_time or 0.0 for r in crawls]
    assert max(starts) < min(ends)
    assert sorted(p.name for p in (settings.raw_dir / "crawls").iterdir()) == ["first.json", "second.json"]


def test_a_failing_source_fails_only_its_partition(
    small_sites: Callable[[list[str]], HTTPServer], httpserver: HTTPServer, tmp_path: Path
) -> None:
    working = small_sites(["003_62a7f6b933f753fb.txt"])
    httpserver.expect_request("/robots.txt").respond_with_data("")
    httpserver.expect_request("/xcgz/index.html").respond_with_data("down for maintenance", status=500)
    sources = sources_file(tmp_path, {"working": working, "broken": httpserver})
    env = {**os.environ, "NOTICES_DATA_DIR": str(tmp_path / "data"), "NOTICES_SOURCES": str(sources)}
    for variable in ("NOTICES_DUCKDB_PATH", "DAGSTER_HOME"):
        env.pop(variable, None)
    notices = shutil.which("notices")
    assert notices
    result = subprocess.run([notices, "run", "--workers", "2"], env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    broken_line = f"sources not crawled: broken (no list page could be read: HTTP 500 at {httpserver.url_for('/xcgz/index.html')})"
    assert broken_line in result.stdout.splitlines()
    assert "marts: 1 notices" in result.stdout and "Traceback" not in result.stdout + result.stderr
    published = tmp_path / "data" / "warehouse" / "notices.duckdb"
    with duckdb.connect(str(published), read_only=True) as connection:
        fetches = connection.execute(
            "select source, kind, outcome, http_status from raw.fetch_log order by 1, 2"
        ).fetchall()
    assert fetches == [
        ("broken", "list", "failed", 500),
        ("working", "article", "new", 200),
        ("working", "list", "new", 200),
    ]
    # The run's own Dagster instance lived in a temporary folder of the data dir, gone after the run.
    assert not list((tmp_path / "data").glob(".dagster-*"))
