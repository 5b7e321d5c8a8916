"""The previous warehouse becomes the build file, brought up to the published one (recycle.py)."""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path

import duckdb
import pytest
from conftest import FILE_READER, SAMPLES, counts_around, settings_for

from dagster_project.load.frames import ParsedDocument, to_frames
from dagster_project.load.raw import replace_rows
from dagster_project.load.rows import notice_rows
from dagster_project.parse import parse_document
from dagster_project.publish import start_build
from dagster_project.recycle import (
    INCREMENTAL_MODELS,
    SEARCH_DOCUMENTS,
    SEARCH_INDEX_DOCS,
    TABLES_CAUGHT_UP,
    NotRecyclable,
    catch_up,
)
from dagster_project.search import DOCUMENTS_TABLE, FTS_SCHEMA
from dagster_project.settings import DBT_PROJECT_DIR, Settings

BASE_BUILT = datetime(2026, 1, 1)
PUBLISHED_BUILT = datetime(2026, 1, 2)
FINGERPRINT = "same code"


def _sample(number: str) -> str:
    return next(SAMPLES.glob(f"{number}_*.txt")).read_text(encoding="utf-8")


def _document(document_id: str, text: str, parsed_at: datetime) -> ParsedDocument:
    rows = notice_rows(parse_document(text.encode("utf-8"), f"{document_id}.txt"))
    return ParsedDocument(
        document_id, "local:inbox", None, f"raw/inbox/{document_id}.txt", "text/plain", len(text), parsed_at,
        "v1", parsed_at, rows, None, "parsed",
    )  # fmt: skip


def _stamp(connection: duckdb.DuckDBPyConnection, built_at: datetime, fingerprint: str = FINGERPRINT) -> None:
    connection.execute("CREATE SCHEMA IF NOT EXISTS meta")
    connection.execute(
        "CREATE OR REPLACE TABLE meta.build_info AS SELECT ?::TIMESTAMP AS built_at, ? AS code_fingerprint",
        [built_at, fingerprint],
    )


def _night(connection: duckdb.DuckDBPyConnection, run_id: str, checked: list[str]) -> None:
    """What a night's checks write: its results appended, the notices it checked marked."""
    connection.execute("CREATE SCHEMA IF NOT EXISTS quality")
    connection.execute("CREATE TABLE IF NOT EXISTS quality.expectation_results (run_id VARCHAR, notice_id VARCHAR)")
    connection.execute(
        "CREATE TABLE IF NOT EXISTS quality.checked_notices (notice_id VARCHAR PRIMARY KEY, run_id VARCHAR)"
    )
    for notice_id in checked:
        connection.execute("INSERT INTO quality.expectation_results VALUES (?, ?)", [run_id, notice_id])
        connection.execute("INSERT OR REPLACE INTO quality.checked_notices VALUES (?, ?)", [notice_id, run_id])


def _notice_ids(connection: duckdb.DuckDBPyConnection) -> list[str]:
    return [row[0] for row in connection.execute("SELECT notice_id FROM raw.notices ORDER BY notice_id").fetchall()]


@pytest.fixture
def warehouses(tmp_path: Path) -> tuple[Path, Path]:
    """(previous, published): two nights of one warehouse. The published night parsed sample 000
    again as another text (its notice replaced by a new one), added sample 003 and a fetch."""
    previous, published = tmp_path / "previous.duckdb", tmp_path / "published.duckdb"
    with duckdb.connect(str(previous)) as connection:
        night_one = [_document("doc-001", _sample("001"), BASE_BUILT), _document("doc-000", _sample("000"), BASE_BUILT)]
        replace_rows(connection, to_frames(night_one))
        _night(connection, "run-1", _notice_ids(connection))
        _stamp(connection, BASE_BUILT)
    shutil.copyfile(previous, published)
    with duckdb.connect(str(published)) as connection:
        later = datetime(2026, 1, 1, 12)
        night_two = [
            _document("doc-000", _sample("000").replace("根据", "按照", 1), later),
            _document("doc-003", _sample("003"), later),
        ]
        replace_rows(connection, to_frames(night_two))
        connection.execute(
            "INSERT INTO raw.fetch_log (fetch_id, source, url, kind, fetched_at, outcome) "
            "VALUES ('fetch-1', 'site', 'http://127.0.0.1/a', 'article', ?, 'new')",
            [later],
        )
        _night(connection, "run-2", _notice_ids(connection)[:2])
        _stamp(connection, PUBLISHED_BUILT)
    return previous, published


def _differences(connection: duckdb.DuckDBPyConnection, table: str) -> int:
    row = connection.execute(f"""
        SELECT count(*) FROM (
            (SELECT * FROM {table} EXCEPT ALL SELECT * FROM other.{table})
            UNION ALL (SELECT * FROM other.{table} EXCEPT ALL SELECT * FROM {table})
        )
    """).fetchone()
    return row[0] if row else -1


def test_catching_up_gives_the_published_rows_of_every_table(warehouses: tuple[Path, Path]) -> None:
    previous, published = warehouses
    with duckdb.connect(str(previous)) as connection:
        before = _notice_ids(connection)
        caught_up = catch_up(connection, str(published))
        connection.execute(f"ATTACH '{published}' AS other (READ_ONLY)")
        differences = {table: _differences(connection, table) for table in sorted(TABLES_CAUGHT_UP)}
        after = _notice_ids(connection)
        kept = connection.execute("SELECT notice_id FROM raw.documents WHERE document_id = 'doc-001'").fetchone()
        built = connection.execute("SELECT built_at, code_fingerprint FROM meta.build_info").fetchall()
        results = connection.execute(
            "SELECT run_id, count(*) FROM quality.expectation_results GROUP BY ALL ORDER BY ALL"
        )
        run_counts = results.fetchall()
    # Replaced: sample 000's old reading (gone), its new reading and sample 003 (loaded after the
    # previous file was built). Sample 001's notice was loaded before and is kept as it was.
    assert caught_up.notices == 3
    assert len(before) == 2 and len(after) == 3 and kept is not None and set(before) & set(after) == {kept[0]}
    assert len(differences) == 14 and differences == dict.fromkeys(differences, 0)
    assert run_counts == [("run-1", 2), ("run-2", 2)]
    # The file now dates as the published one: the night redoes only the notices it loads.
    assert built == [(PUBLISHED_BUILT, FINGERPRINT)]


def test_the_marts_caught_up_are_the_dbt_projects_incremental_models() -> None:
    incremental = sorted(
        f"{path.parent.name}.{path.stem}"
        for path in (DBT_PROJECT_DIR / "models").rglob("*.sql")
        if "materialized='incremental'" in path.read_text(encoding="utf-8")
    )
    assert sorted(INCREMENTAL_MODELS) == incremental
    assert SEARCH_INDEX_DOCS == f"{FTS_SCHEMA}.docs"
    assert SEARCH_DOCUMENTS == DOCUMENTS_TABLE


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(path), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def test_a_table_that_changed_outside_its_rule_stops_the_catch_up_and_writes_nothing(
    warehouses: tuple[Path, Path],
) -> None:
    previous, published = warehouses
    with duckdb.connect(str(published)) as connection:
        # A row of a notice loaded before the previous file was built: no rule would bring it over.
        connection.execute(
            "INSERT INTO raw.issues SELECT * FROM raw.issues "
            "WHERE notice_id = (SELECT notice_id FROM raw.documents WHERE document_id = 'doc-001') LIMIT 1"
        )
    count = "SELECT (SELECT count(*) FROM raw.notices), (SELECT count(*) FROM raw.issues)"
    before = _rows(previous, count)
    with (
        duckdb.connect(str(previous)) as connection,
        pytest.raises(NotRecyclable, match=r"raw\.issues holds 84 rows after catching up, the published 85"),
    ):
        catch_up(connection, str(published))
    assert _rows(previous, count) == before


def test_other_code_or_an_unknown_table_is_not_caught_up(warehouses: tuple[Path, Path]) -> None:
    previous, published = warehouses
    with duckdb.connect(str(published)) as connection:
        _stamp(connection, PUBLISHED_BUILT, "other code")
    with duckdb.connect(str(previous)) as connection, pytest.raises(NotRecyclable, match="other code"):
        catch_up(connection, str(published))
    for path in (previous, published):
        with duckdb.connect(str(path)) as connection:
            _stamp(connection, BASE_BUILT if path == previous else PUBLISHED_BUILT)
            connection.execute("CREATE TABLE raw.added_since (notice_id VARCHAR)")
    with duckdb.connect(str(previous)) as connection, pytest.raises(NotRecyclable, match=r"raw\.added_since"):
        catch_up(connection, str(published))


@pytest.fixture
def data_dir(tmp_path: Path, warehouses: tuple[Path, Path]) -> Settings:
    """A data dir whose warehouse folder holds the two nights as a publish leaves them."""
    settings = settings_for(tmp_path / "data")
    settings.warehouse_dir.mkdir(parents=True)
    previous, published = warehouses
    os.replace(previous, settings.previous_path)
    os.replace(published, settings.published_path)
    return settings


def test_a_build_begins_as_the_previous_warehouse_caught_up(data_dir: Settings) -> None:
    inode = data_dir.previous_path.stat().st_ino
    assert start_build(data_dir) == "the previous warehouse, caught up by 3 notices"
    assert data_dir.build_path.stat().st_ino == inode and not data_dir.previous_path.exists()
    assert _rows(data_dir.build_path, "SELECT count(*) FROM raw.notices") == [(3,)]


def test_the_published_file_under_the_previous_name_is_copied_not_written(data_dir: Settings) -> None:
    """A run stopped between linking the published file and replacing it leaves one file, two names."""
    data_dir.previous_path.unlink()
    os.link(data_dir.published_path, data_dir.previous_path)
    published = data_dir.published_path.stat()
    began = start_build(data_dir)
    assert (
        began
        == "a copy of the published warehouse (the previous warehouse is the published file (a run stopped while publishing))"
    )
    assert data_dir.build_path.stat().st_ino != published.st_ino and not data_dir.previous_path.exists()
    assert data_dir.published_path.stat().st_mtime_ns == published.st_mtime_ns


def test_a_previous_file_with_another_name_is_left_as_it_is(data_dir: Settings, tmp_path: Path) -> None:
    backup = tmp_path / "backup.duckdb"  # as `cp -al` or `rsync --link-dest` leave it
    os.link(data_dir.previous_path, backup)
    before = backup.stat()
    assert start_build(data_dir).startswith(
        "a copy of the published warehouse (the previous warehouse has another name"
    )
    after = backup.stat()
    assert (after.st_mtime_ns, after.st_size, after.st_nlink) == (before.st_mtime_ns, before.st_size, 1)
    assert _rows(backup, "SELECT count(*) FROM raw.notices") == [(2,)]
    assert _rows(data_dir.build_path, "SELECT count(*) FROM raw.notices") == [(3,)]


def test_no_previous_file_means_a_copy(data_dir: Settings) -> None:
    data_dir.previous_path.unlink()
    assert start_build(data_dir) == "a copy of the published warehouse (no previous warehouse)"
    assert _rows(data_dir.build_path, "SELECT count(*) FROM raw.notices") == [(3,)]


@pytest.mark.integration  # a reader in another process
def test_a_previous_file_a_reader_holds_open_is_left_to_it(data_dir: Settings) -> None:
    """A BI tool still connected to the warehouse of the night before keeps reading it unchanged."""
    before, after, began = counts_around(
        FILE_READER, [str(data_dir.previous_path), "select count(*) from raw.notices"], lambda: start_build(data_dir)
    )
    assert (before, after) == ("2", "2")
    assert began == "a copy of the published warehouse (a reader holds the previous warehouse open)"
    assert not data_dir.previous_path.exists()  # its name is gone; the reader's file lives until it closes
    assert _rows(data_dir.build_path, "SELECT count(*) FROM raw.notices") == [(3,)]
