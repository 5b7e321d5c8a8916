from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import duckdb
import pytest

if TYPE_CHECKING:
    from dagster_project.run import RunSummary
    from dagster_project.settings import Settings

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "raw" / "samples"


@pytest.fixture(scope="session")
def sample_text() -> dict[str, str]:
    """The three real sample notices by their number: '000', '001', '003'."""
    return {path.name[:3]: path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt"))}


@dataclass(frozen=True)
class SampleBuild:
    """The nightly job's first run on the three samples: its settings and what it reported."""

    settings: Settings
    summary: RunSummary


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> SampleBuild:
    """The published warehouse of the three samples, built once per test run. Tests read it and
    never write it; a test that runs the job again works on a copy (`copy_of_sample_build`)."""
    from dagster_project.run import run_pipeline

    data_dir = tmp_path_factory.mktemp("sample_warehouse")
    settings = settings_for(data_dir)
    summary = run_pipeline(settings)
    assert summary.published, "the sample warehouse was not published"
    return SampleBuild(settings, summary)


@pytest.fixture(scope="session")
def sample_warehouse(sample_build: SampleBuild) -> Path:
    return sample_build.settings.published_path


def settings_for(data_dir: Path) -> Settings:
    """The settings of a data dir, as `notices run` reads them from the environment."""
    from dagster_project.settings import load_settings

    return load_settings({"NOTICES_DATA_DIR": str(data_dir)})


def copy_of_sample_build(sample_build: SampleBuild, destination: Path) -> Settings:
    """A data dir of one's own holding the sample build, for tests that run the job again."""
    shutil.copytree(sample_build.settings.data_dir, destination)
    return settings_for(destination)


SAMPLE_001 = SAMPLES / "001_dd361c94b27cbe2f.txt"


def add_sample_001_as(settings: Settings, place: str) -> Path:
    """A new notice in the inbox: sample 001 with its masked place name (XX) written as `place`."""
    settings.inbox_dir.mkdir(parents=True, exist_ok=True)
    path = settings.inbox_dir / f"{place}.txt"
    path.write_text(SAMPLE_001.read_text(encoding="utf-8").replace("XX", place), encoding="utf-8")
    return path


T = TypeVar("T")


# A BI tool holding a DuckDB file open: it counts with the query argv[2] in the file argv[1], waits
# for a line on stdin, and counts again on the same connection.
FILE_READER = """
import sys, duckdb
connection = duckdb.connect(sys.argv[1], read_only=True)
count = lambda: connection.execute(sys.argv[2]).fetchone()[0]
print(count(), flush=True)
sys.stdin.readline()
print(count(), flush=True)
"""


def counts_around(reader: str, arguments: list[str], during: Callable[[], T]) -> tuple[str, str, T]:
    """Another process, as a BI tool is, runs `reader` with `arguments` (it prints a count, waits
    for a line on stdin, prints it again), holding its connection open while `during` runs: both
    counts and what `during` returned."""
    process = subprocess.Popen(
        [sys.executable, "-c", reader, *arguments], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None and process.stdin is not None
        before = process.stdout.readline().strip()
        result = during()
        process.stdin.write("\n")
        process.stdin.flush()
        return before, process.stdout.readline().strip(), result
    finally:
        process.kill()
        process.wait()


def index_contents(connection: duckdb.DuckDBPyConnection, database: str | None = None) -> dict[str, object]:
    """The fts index's tables (of `database`, default the connection's own) without their ids,
    which differ between an index updated in place and one built anew."""
    from dagster_project.search import FTS_SCHEMA

    fts = f"{database}.{FTS_SCHEMA}" if database else FTS_SCHEMA
    return {
        "docs": connection.execute(f"SELECT name, len FROM {fts}.docs ORDER BY name").fetchall(),
        "dict": connection.execute(f"SELECT term, df FROM {fts}.dict ORDER BY term").fetchall(),
        "terms": connection.execute(
            f"SELECT d.name, t.fieldid, w.term, count(*) FROM {fts}.terms AS t JOIN {fts}.docs AS d USING (docid) "
            f"JOIN {fts}.dict AS w USING (termid) GROUP BY ALL ORDER BY ALL"
        ).fetchall(),
        "stats": connection.execute(f"SELECT num_docs, round(avgdl, 9) FROM {fts}.stats").fetchall(),
    }
