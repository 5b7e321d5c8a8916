"""The warehouse as a DuckLake catalog: each publish is one snapshot (`NOTICES_CATALOG=ducklake`).

The nightly build is unchanged (a DuckDB build file that begins as the last published one). When
it publishes, `commit_snapshot` writes the build's tables into the catalog in **one
transaction**, so the catalog gains exactly one snapshot per night; readers attached read-only
keep seeing the previous snapshot until the commit, and can read any earlier night with
`AT (VERSION => n)`. Only after the commit is the local file replaced, so a failed commit leaves
both as they were and the next run commits again.

- **Local form:** the metadata is a SQLite file (`<data dir>/warehouse/notices.ducklake`) and the
  data files Parquet under `<data dir>/warehouse/lake/`. A DuckDB file as metadata was measured
  here to take an exclusive lock while the nightly run has it attached and to refuse the run
  while a reader holds it; SQLite lets readers and the one writer work at once.
- **Production:** the same catalog with its metadata in Postgres (`NOTICES_DUCKLAKE_METADATA=
  'postgres:dbname=notices host=… user=…'`) and its files in object storage
  (`NOTICES_DUCKLAKE_DATA_PATH=s3://bucket/lake/`, with a DuckDB S3 secret); docs/scale-out.md.
- **What changes per night:** when the catalog holds the warehouse the build was copied from (same
  `built_at` and code fingerprint), the tables of per-notice grain get a delete+insert of the
  notices loaded since (and lose the notices gone), raw.documents and raw.fetch_log get their new
  rows, and only the small tables are written whole; otherwise every table is written whole. Data
  is never inlined into the metadata (`DATA_INLINING_ROW_LIMIT 0`): every row is in Parquet.
- Not in the catalog: the staging views, the fts index and the `marts.search_issues` macro (DuckLake
  holds neither macros nor fts indexes); `quality.notice_findings` is written as a table.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from .extensions import load_extension
from .publish import BuildState, build_state, notices_parsed_after
from .settings import Settings
from .sql import literal

LAKE = "lake"
SQLITE_PREFIX = "sqlite:"
BUILD = "build"
# The schemas a reader of the catalog gets; staging views and the fts index stay in the DuckDB file.
SCHEMAS = ("raw", "marts", "quality", "meta")
# Bookkeeping of the local scan (which files were read), meaningless to another machine.
NOT_IN_CATALOG = {("raw", "files")}
# Views of the build written as tables (DuckLake views would be SQL text naming the build's tables).
VIEWS_AS_TABLES = {("quality", "notice_findings")}
# Tables that change by rows, not whole: the key and which keys the night changed. `{since}` is
# the built_at of the warehouse the build was copied from.
APPENDED = {
    ("raw", "documents"): ("document_id", "SELECT document_id FROM build.raw.documents WHERE parsed_at > TIMESTAMP '{since}'"),
    ("raw", "fetch_log"): ("fetch_id", "SELECT fetch_id FROM build.raw.fetch_log WHERE fetched_at > TIMESTAMP '{since}'"),
    ("quality", "expectation_results"): (
        "run_id", "SELECT run_id FROM build.quality.expectation_results WHERE checked_at > TIMESTAMP '{since}'"
    ),
}  # fmt: skip
BY_NOTICE = {
    ("raw", "notices"), ("raw", "claims"), ("raw", "categories"), ("raw", "issues"), ("raw", "measures"),
    ("raw", "warnings"), ("raw", "notice_texts"), ("raw", "evidence"),
    ("marts", "dim_notice"), ("marts", "fct_issue"), ("marts", "fct_measure"), ("marts", "fct_claim"),
    ("marts", "fct_evidence"), ("marts", "fct_parser_warning"), ("marts", "search_documents"),
}  # fmt: skip


@dataclass(frozen=True)
class Snapshot:
    snapshot_id: int
    tables_whole: int
    tables_by_rows: int


def attach_statement(settings: Settings, read_only: bool = False) -> str:
    """The ATTACH of the catalog, for the nightly writer or (read_only) for a reader."""
    metadata = literal(f"ducklake:{settings.ducklake_metadata}")
    if read_only:
        return f"ATTACH {metadata} AS {LAKE} (READ_ONLY)"
    return f"ATTACH {metadata} AS {LAKE} (DATA_PATH {literal(settings.ducklake_data_path)}, DATA_INLINING_ROW_LIMIT 0)"


def catalog_state(settings: Settings) -> BuildState | None:
    """The build the catalog's latest snapshot holds; None when it holds none yet."""
    local = settings.ducklake_metadata.removeprefix(SQLITE_PREFIX)
    if settings.ducklake_metadata.startswith(SQLITE_PREFIX) and not Path(local).exists():
        return None  # the first commit makes it (a read-only attach cannot)
    with connect_catalog(settings, read_only=True) as connection:
        return build_state(connection, LAKE)


def connect_catalog(settings: Settings, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the catalog attached as `lake`."""
    connection = duckdb.connect()
    load_extension(connection, "sqlite_scanner")
    load_extension(connection, "ducklake")
    if not read_only:
        _prepare_local_storage(settings)
    connection.execute(attach_statement(settings, read_only))
    return connection


def _prepare_local_storage(settings: Settings) -> None:
    """The local form's data folder, and its SQLite metadata in WAL mode: in SQLite's default
    journal mode a reader that has the catalog attached makes the nightly COMMIT fail with
    "database is locked" (seen here); in WAL mode readers and the writer do not block each other."""
    if "://" not in settings.ducklake_data_path:  # a folder; object storage needs none made
        Path(settings.ducklake_data_path).mkdir(parents=True, exist_ok=True)
    if settings.ducklake_metadata.startswith(SQLITE_PREFIX):
        metadata = Path(settings.ducklake_metadata.removeprefix(SQLITE_PREFIX))
        metadata.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.closing(sqlite3.connect(metadata)) as sqlite:
            sqlite.execute("PRAGMA journal_mode=WAL")  # kept in the file: once is enough, again is harmless


def commit_snapshot(settings: Settings, copied_from: BuildState | None) -> Snapshot:
    """The build file's tables into the catalog, in one transaction (one snapshot).

    `copied_from` is the state of the published warehouse the build began as, copied or caught up
    to it (recycle.py; None on the first build): when the catalog is at that state and the code is
    the same, only the rows that changed are written."""
    with connect_catalog(settings) as connection:
        connection.execute(f"ATTACH {literal(str(settings.build_path))} AS {BUILD} (READ_ONLY)")
        new_state = build_state(connection, BUILD)
        at = build_state(connection, LAKE)
        # The rows changed since `since` are written when the catalog holds what the build began as.
        since = (
            copied_from.built_at
            if copied_from is not None
            and at == copied_from
            and new_state is not None
            and new_state.code_fingerprint == copied_from.code_fingerprint
            else None
        )
        tables = _tables(connection)
        whole = rows = 0
        connection.execute("BEGIN TRANSACTION")
        try:
            for schema in SCHEMAS:
                connection.execute(f"CREATE SCHEMA IF NOT EXISTS {LAKE}.{schema}")
            for schema, table in _tables_in(connection, LAKE):
                if (schema, table) not in tables:
                    connection.execute(f"DROP TABLE {LAKE}.{schema}.{table}")
            for schema, table in tables:
                if since is not None and _sync_rows(connection, schema, table, since):
                    rows += 1
                else:
                    connection.execute(
                        f"CREATE OR REPLACE TABLE {LAKE}.{schema}.{table} AS SELECT * FROM {BUILD}.{schema}.{table}"
                    )
                    whole += 1
                _copy_comments(connection, schema, table)
            connection.execute("COMMIT")
        except BaseException:
            # A failed COMMIT has already ended the transaction; the error to report is the first.
            with contextlib.suppress(duckdb.TransactionException):
                connection.execute("ROLLBACK")
            raise
        row = connection.execute(f"SELECT max(snapshot_id) FROM ducklake_snapshots('{LAKE}')").fetchone()
    return Snapshot(row[0] if row else 0, whole, rows)


def _tables(connection: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """The build's tables (and views written as tables) that the catalog holds."""
    found = _tables_in(connection, BUILD) + sorted(VIEWS_AS_TABLES)
    return [name for name in found if name not in NOT_IN_CATALOG]


def _tables_in(connection: duckdb.DuckDBPyConnection, database: str) -> list[tuple[str, str]]:
    schemas = ", ".join(f"'{schema}'" for schema in SCHEMAS)
    return [
        (schema, table)
        for schema, table in connection.execute(
            "SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = ? "
            f"AND schema_name IN ({schemas}) ORDER BY ALL",
            [database],
        ).fetchall()
    ]


def _sync_rows(connection: duckdb.DuckDBPyConnection, schema: str, table: str, since: datetime) -> bool:
    """Delete+insert only what changed in a table that changes by rows; False for the others."""
    name = f"{schema}.{table}"
    if (schema, table) in APPENDED:
        key, changed = APPENDED[(schema, table)]
        keys = changed.format(since=since)
        connection.execute(f"DELETE FROM {LAKE}.{name} WHERE {key} IN ({keys})")
        connection.execute(f"INSERT INTO {LAKE}.{name} SELECT * FROM {BUILD}.{name} WHERE {key} IN ({keys})")
        return True
    if (schema, table) in BY_NOTICE:
        loaded = notices_parsed_after(f"TIMESTAMP '{since}'", BUILD)
        connection.execute(
            f"DELETE FROM {LAKE}.{name} WHERE notice_id IN ({loaded}) "
            f"OR notice_id NOT IN (SELECT notice_id FROM {BUILD}.{name})"
        )
        connection.execute(f"INSERT INTO {LAKE}.{name} SELECT * FROM {BUILD}.{name} WHERE notice_id IN ({loaded})")
        return True
    return False


def _copy_comments(connection: duckdb.DuckDBPyConnection, schema: str, table: str) -> None:
    """The table's and its columns' descriptions, as in the DuckDB file."""
    [table_comment] = connection.execute(
        "SELECT any_value(comment) FROM (SELECT comment FROM duckdb_tables() WHERE database_name = ? "
        "AND schema_name = ? AND table_name = ? UNION ALL SELECT comment FROM duckdb_views() "
        "WHERE database_name = ? AND schema_name = ? AND view_name = ?)",
        [BUILD, schema, table, BUILD, schema, table],
    ).fetchone() or [None]
    if table_comment:
        connection.execute(f"COMMENT ON TABLE {LAKE}.{schema}.{table} IS {literal(table_comment)}")
    for column, comment in connection.execute(
        "SELECT column_name, comment FROM duckdb_columns() WHERE database_name = ? AND schema_name = ? "
        "AND table_name = ? AND comment IS NOT NULL AND comment <> ''",
        [BUILD, schema, table],
    ).fetchall():
        connection.execute(f"COMMENT ON COLUMN {LAKE}.{schema}.{table}.{column} IS {literal(comment)}")
