"""Readers never block the nightly run and never see half a warehouse.

A run builds into its own file (a copy of the published warehouse, so raw tables accumulate),
checkpoints and closes it, and publishes it with an atomic `os.replace` onto
`warehouse/notices.duckdb`. A BI tool holding the old file keeps its snapshot (the old inode lives
on until it closes); new connections see the new file; nobody waits for a lock. A failed run never
reaches `publish`, so the last good warehouse stays in place, and the next run starts its build
afresh from it.

The marts are also written as Parquet, for tools that do not read DuckDB files: one file per
table in `warehouse/parquet/`, published as a set with the file (folders.py: a new folder per
publish, made current by replacing the `parquet` symlink), with `meta/build_info.parquet`, the
build the set was written from: a reader of the set can tell how fresh it is, and the next run
whether the set is the published file's (`parquet_set_is_published`).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from . import folders
from .load.raw import describe_raw_schema, ensure_raw_schema
from .parse import PARSER_VERSION
from .recycle import SEARCH_DOCUMENTS, NotRecyclable, recycle_previous
from .settings import DBT_PROJECT_DIR, DUCKDB_CONFIG, EXPECTATIONS_DIR, Settings, utc_now
from .sql import literal

if TYPE_CHECKING:
    from .lake import Snapshot

_CODE_DIRS = [DBT_PROJECT_DIR / part for part in ("models", "seeds", "macros", "tests")] + [EXPECTATIONS_DIR]
_SEARCH_INDEX_CODE = Path(__file__).parent / "search.py"  # how marts.search_documents is segmented


def notices_parsed_after(moment: str, database: str | None = None) -> str:
    """The query of the notices whose documents were parsed after `moment` (SQL), in `database`."""
    prefix = f"{database}." if database else ""
    return f"SELECT notice_id FROM {prefix}raw.documents WHERE notice_id IS NOT NULL AND parsed_at > {moment}"


# The notices an incremental build loaded: parsed after the copied warehouse was built. dbt's
# `loaded_this_run()` rebuilds exactly these notices' rows; the checks and the search index redo
# only theirs too.
CHANGED_NOTICES = notices_parsed_after("(SELECT max(built_at) FROM meta.build_info)")


@dataclass(frozen=True)
class BuildState:
    """What a warehouse was built at and by (meta.build_info): a build may extend the marts, and a
    DuckLake snapshot another, only from the same one."""

    built_at: datetime
    code_fingerprint: str


def build_state(connection: duckdb.DuckDBPyConnection, database: str | None = None) -> BuildState | None:
    """meta.build_info of `database` (default the connection's own); None before the first build."""
    prefix = f"{database}." if database else ""
    try:
        row = connection.execute(f"SELECT built_at, code_fingerprint FROM {prefix}meta.build_info").fetchone()
    except duckdb.CatalogException:
        return None
    return BuildState(row[0], row[1]) if row else None


def published_state(settings: Settings) -> BuildState | None:
    """The published warehouse's build; None when there is none yet."""
    if not settings.published_path.exists():
        return None
    with duckdb.connect(str(settings.published_path), read_only=True) as connection:
        return build_state(connection)


def code_fingerprint() -> str:
    """What the marts are built by: a change here rebuilds them even when no document is new."""
    digest = hashlib.sha256(PARSER_VERSION.encode())
    files = [DBT_PROJECT_DIR / "dbt_project.yml", _SEARCH_INDEX_CODE] + sorted(
        path for folder in _CODE_DIRS if folder.is_dir() for path in folder.rglob("*") if path.is_file()
    )
    for path in files:
        digest.update(str(path.relative_to(DBT_PROJECT_DIR.parent)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def catalog_is_current(settings: Settings, published: BuildState | None) -> bool:
    """With NOTICES_CATALOG=ducklake, whether the catalog's latest snapshot is the published
    build (a run that failed to commit, or a catalog new to this data dir, is not)."""
    if settings.catalog != "ducklake":
        return True
    from .lake import catalog_state

    return published is not None and catalog_state(settings) == published


def built_by_this_code(state: BuildState | None) -> bool:
    """Whether a warehouse was built by this parser and these models."""
    return state is not None and state.code_fingerprint == code_fingerprint()


def marts_are_this_codes(settings: Settings) -> bool:
    """Whether the published marts were built by this parser and these models: only then may dbt
    rebuild just the notices loaded since (incremental models); otherwise all of them."""
    return built_by_this_code(published_state(settings))


def published_counts(published: Path) -> tuple[int, int, int]:
    """(notices, issues, data-quality findings) in the published warehouse; zeros before the first."""
    if not published.exists():
        return 0, 0, 0
    with duckdb.connect(str(published), read_only=True) as connection:
        row = connection.execute(
            "SELECT (SELECT count(*) FROM marts.dim_notice), (SELECT count(*) FROM marts.fct_issue), "
            "(SELECT count(*) FROM quality.notice_findings)"
        ).fetchone()
    return (row[0], row[1], row[2]) if row else (0, 0, 0)


def start_build(settings: Settings) -> str:
    """A fresh build file, and how it began (one line): the previous warehouse brought up to the
    published one (recycle.py), else the published warehouse copied, else an empty one with the
    raw schema."""
    settings.warehouse_dir.mkdir(parents=True, exist_ok=True)
    discard_build(settings)
    if not settings.published_path.exists():
        began = "a new warehouse"
    else:
        try:
            caught_up = recycle_previous(settings)
            began = f"the previous warehouse, caught up by {caught_up.notices} notice{'' if caught_up.notices == 1 else 's'}"
        except NotRecyclable as reason:
            shutil.copyfile(settings.published_path, settings.build_path)
            began = f"a copy of the published warehouse ({reason})"
    with settings.connect_build() as connection:
        ensure_raw_schema(connection)
        describe_raw_schema(connection)
    return began


def discard_build(settings: Settings) -> None:
    for path in (settings.build_path, settings.build_path.with_name(settings.build_path.name + ".wal")):
        path.unlink(missing_ok=True)


# The Parquet set's record of the build it was written from (meta.build_info), below the marts'
# files so that a glob of `parquet/*.parquet` finds the marts alone.
PARQUET_BUILD_INFO = Path("meta") / "build_info.parquet"

# Row groups bounded in bytes, not rows: dim_notice holds each notice's whole text, and row groups
# of rows made the writer ask for 100+ MB at once, beyond the 512 MB the run's DuckDB may use.
PARQUET_ROW_GROUP_BYTES = "32MB"


def write_parquet_set(settings: Settings) -> Path:
    """Every table of the marts but the search documents as `<table>.parquet` in a new folder for
    `warehouse/parquet`, and meta.build_info as `PARQUET_BUILD_INFO`, read from the finished build
    file by a fresh connection (nothing else in its memory).

    The search documents (`SEARCH_DOCUMENTS`) are the fts index's input: every problem's and
    measure's text again, segmented. Without the index, which only the DuckDB file holds, a Parquet
    reader can do nothing with them that fct_issue and fct_measure do not serve, and they were the
    largest file of the set (5.8 of 15 MB at 10,000 notices) and about a third of the time it took
    to write, every night."""
    folder = folders.new_version(settings.parquet_dir)
    with duckdb.connect(str(settings.build_path), read_only=True, config=DUCKDB_CONFIG) as connection:
        _copy_marts(connection, folder)
    return folder


def _copy_marts(connection: duckdb.DuckDBPyConnection, folder: Path) -> None:
    tables = connection.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'marts' AND database_name = current_database() "
        "AND schema_name || '.' || table_name <> ? ORDER BY table_name",
        [SEARCH_DOCUMENTS],
    ).fetchall()
    for (table,) in tables:
        target = literal(str(folder / f"{table}.parquet"))
        connection.execute(
            f"COPY marts.{table} TO {target} "
            f"(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE_BYTES '{PARQUET_ROW_GROUP_BYTES}')"
        )
    (folder / PARQUET_BUILD_INFO).parent.mkdir()
    connection.execute(f"COPY meta.build_info TO {literal(str(folder / PARQUET_BUILD_INFO))} (FORMAT parquet)")


def parquet_set_is_published(settings: Settings, published: BuildState | None) -> bool:
    """Whether the current Parquet set was written from the published build. It is not when a run
    died between replacing the file and switching the set (the set is the build before), or the
    set is older than its build record."""
    path = settings.parquet_dir / PARQUET_BUILD_INFO
    if published is None or not path.is_file():
        return False
    with duckdb.connect() as connection:
        # The path as a literal: a parameter makes DuckDB import pandas (0.6 s of a no-change night).
        row = connection.execute(f"SELECT built_at FROM read_parquet({literal(str(path))})").fetchone()
    return row is not None and row[0] == published.built_at


def keep_previous(settings: Settings) -> None:
    """The published file under a second name before it is replaced, for the next build to start
    from (recycle.py): a hard link, so nothing is copied and a reader of it is not disturbed."""
    settings.previous_path.unlink(missing_ok=True)
    if settings.published_path.exists():
        with contextlib.suppress(OSError):  # a file system without hard links: the next build copies
            os.link(settings.published_path, settings.previous_path)


def publish(settings: Settings) -> Snapshot | None:
    """meta.build_info, the Parquet set, the DuckLake snapshot (NOTICES_CATALOG=ducklake), then the
    file: a failure before the last step leaves what readers see as it was."""
    from .lake import commit_snapshot

    snapshot = None
    built_at = utc_now()
    with settings.connect_build() as connection:
        copied_from = build_state(connection)  # the published warehouse's, before it is rewritten
        connection.execute("CREATE SCHEMA IF NOT EXISTS meta")
        # One row that tells a reader how fresh the file is: BI servers that pool connections keep
        # an old snapshot until they reconnect, and this is how an analyst can see it.
        connection.execute(
            "CREATE OR REPLACE TABLE meta.build_info AS SELECT "
            "?::TIMESTAMP AS built_at, ? AS parser_version, ? AS code_fingerprint, ? AS duckdb_version, "
            "(SELECT count(*) FROM raw.notices WHERE is_rectification_notice) AS notices, "
            "(SELECT count(*) FROM raw.documents) AS documents, "
            "(SELECT count(*) FROM raw.documents WHERE parse_status NOT IN ('parsed', 'not_notice')) "
            "AS documents_failed",
            [built_at, PARSER_VERSION, code_fingerprint(), duckdb.__version__],
        )
        connection.execute(
            "COMMENT ON TABLE meta.build_info IS 'One row: when this warehouse file was built "
            "(UTC), by which parser and engine, from how many documents and notices.'"
        )
        connection.execute("CHECKPOINT")
    parquet_set = write_parquet_set(settings)
    if settings.catalog == "ducklake":
        snapshot = commit_snapshot(settings, copied_from)
    keep_previous(settings)
    os.replace(settings.build_path, settings.published_path)
    folders.switch_to(settings.parquet_dir, parquet_set)
    return snapshot
