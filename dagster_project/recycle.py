"""Tonight's build file is the warehouse the last publish replaced, brought up to date: not a copy.

A run builds into a file of its own and publishes it by renaming it onto `warehouse/notices.duckdb`
(publish.py). Starting each build as a copy of the published file costs what the file weighs: at
100,000 notices 12 GB, and 51 s of every night however little it adds. So the publish keeps the
warehouse it replaces under a second name, `warehouse/notices.previous.duckdb` (a hard link: no
byte is copied), and the next run renames that file to its build file and brings it up to the
published warehouse (`catch_up`): the rows its raw and quality tables lack, which are one night's.
The marts need nothing: the file keeps its own `meta.build_info`, so dbt's incremental models, the
checks and the search index redo the notices loaded after it was built (two nights' instead of
one), as they do on a copy.

The copy is made instead when the previous file cannot serve (`why_not` says which, and the run's
metadata shows it):
- there is none: the first two runs, a run that failed after taking it, a file system without hard
  links, a build path on another file system;
- it is the published file itself (a run killed between the link and the rename), or it has
  another name besides (a backup made with hard links, `cp -al` or `rsync --link-dest`, must not
  change under its owner);
- a reader holds it open: a BI tool still connected to the night before's warehouse keeps its
  snapshot, and DuckDB's lock refuses our write, so the file is left to it;
- it was built by other code than the published warehouse (its marts could not be extended);
- it holds a table of the raw, quality or meta schema that `TABLES_CAUGHT_UP` does not name (a
  table added since, which nothing here would bring up to date);
- after the catch-up, a table's row count differs from the published one's.

The cost is disk: between runs the data dir holds two warehouses, the published one and the one
before it (a reader of the old one kept it alive until it closed anyway).
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

import duckdb

from .load.raw import REPLACE_KEYS
from .load.schema import RAW_SCHEMA
from .quality.tables import CHECKED_TABLE, RESULTS_TABLE
from .sql import literal

if TYPE_CHECKING:
    from .settings import Settings

PUBLISHED = "published"
# The tables a build does not make from raw, and how each is brought up to the published file's rows.
# Raw tables of per-notice grain: the rows of the notices loaded since the file was built, and of
# the notices gone since (a document parsed again may give another notice).
BY_NOTICE = tuple(f"{RAW_SCHEMA}.{table}" for table, key in REPLACE_KEYS.items() if key == "notice_id")
# Appended, never changed: the rows whose key the file lacks.
APPENDED = {f"{RAW_SCHEMA}.fetch_log": REPLACE_KEYS["fetch_log"], RESULTS_TABLE: "run_id"}
# Small tables whose rows change in place: written whole.
WHOLE = (f"{RAW_SCHEMA}.files", f"{RAW_SCHEMA}.documents", CHECKED_TABLE)
# The file's own: it dates what the night rebuilds, and the publish rewrites it.
KEPT = ("meta.build_info",)
TABLES_CAUGHT_UP = frozenset(BY_NOTICE) | frozenset(APPENDED) | frozenset(WHOLE) | frozenset(KEPT)
# The schemas whose tables the night does not rebuild (marts, intermediate, seeds and the search
# index are made from raw by dbt and the search stage).
SCHEMAS_CAUGHT_UP = ("raw", "quality", "meta")


class NotRecyclable(Exception):
    """Why the previous warehouse cannot be tonight's build file (one line)."""


@dataclass(frozen=True)
class CaughtUp:
    notices: int  # notices whose rows were replaced (loaded since the file was built, or gone)


def recycle_previous(settings: Settings) -> CaughtUp:
    """Make the previous warehouse the build file, brought up to the published one; NotRecyclable
    when it cannot be, with the build file removed (the caller copies the published file)."""
    previous, build, published = settings.previous_path, settings.build_path, settings.published_path
    if not previous.exists():
        raise NotRecyclable("no previous warehouse")
    if published.exists() and os.path.samefile(previous, published):
        previous.unlink()
        raise NotRecyclable("the previous warehouse is the published file (a run stopped while publishing)")
    try:
        os.replace(previous, build)
    except OSError as error:
        raise NotRecyclable(f"cannot move the previous warehouse to the build file: {error.strerror}") from None
    if build.stat().st_nlink > 1:  # another name holds it (a hard-linked backup): it must not change
        build.unlink()
        raise NotRecyclable("the previous warehouse has another name (a hard link) besides this data dir's")
    try:
        try:
            connection = settings.connect_build()
        except duckdb.IOException:
            raise NotRecyclable("a reader holds the previous warehouse open") from None
        with connection:
            return catch_up(connection, str(published))
    except BaseException:
        build.unlink(missing_ok=True)
        raise


def catch_up(connection: duckdb.DuckDBPyConnection, published: str) -> CaughtUp:
    """Bring the tables of `TABLES_CAUGHT_UP` in the connection's file to those of the warehouse at
    `published`, in one transaction; NotRecyclable (nothing written) when that cannot hold."""
    from .publish import build_state  # not at the top: publish.py imports this module

    connection.execute(f"ATTACH {literal(published)} AS {PUBLISHED} (READ_ONLY)")
    try:
        base, target = build_state(connection), build_state(connection, PUBLISHED)
        if base is None or target is None:
            raise NotRecyclable("a warehouse without meta.build_info")
        if base.code_fingerprint != target.code_fingerprint:
            raise NotRecyclable("the previous warehouse was built by other code than the published one")
        if base.built_at >= target.built_at:
            raise NotRecyclable("the previous warehouse is not older than the published one")
        tables, published_tables = _tables(connection, None), _tables(connection, PUBLISHED)
        if tables != published_tables:
            raise NotRecyclable("the previous and the published warehouse hold different tables")
        if unknown := tables - TABLES_CAUGHT_UP:
            raise NotRecyclable(f"tables this build cannot bring up to date: {', '.join(sorted(unknown))}")
        connection.execute("BEGIN TRANSACTION")
        try:
            notices = _replace_rows(connection, base.built_at.isoformat(sep=" "))
            _check_counts(connection)
            connection.execute("COMMIT")
        except BaseException as error:
            with contextlib.suppress(duckdb.TransactionException):  # a failed COMMIT has ended it already
                connection.execute("ROLLBACK")
            if isinstance(error, duckdb.Error):
                raise NotRecyclable(f"catching up failed: {str(error).splitlines()[0]}") from error
            raise
    finally:
        connection.execute(f"DETACH {PUBLISHED}")
    return CaughtUp(notices)


def _replace_rows(connection: duckdb.DuckDBPyConnection, since: str) -> int:
    connection.execute(f"""
        CREATE TEMP TABLE caught_up_notices AS
        SELECT notice_id FROM {PUBLISHED}.raw.documents
        WHERE notice_id IS NOT NULL AND parsed_at > TIMESTAMP {literal(since)}
        UNION
        (SELECT notice_id FROM raw.notices EXCEPT SELECT notice_id FROM {PUBLISHED}.raw.notices)
    """)
    for table in BY_NOTICE:
        keys = "notice_id IN (SELECT notice_id FROM caught_up_notices)"
        connection.execute(f"DELETE FROM {table} WHERE {keys}")
        connection.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {PUBLISHED}.{table} WHERE {keys}")
    for table, key in APPENDED.items():
        connection.execute(
            f"INSERT INTO {table} BY NAME SELECT * FROM {PUBLISHED}.{table} WHERE {key} NOT IN (SELECT {key} FROM {table})"
        )
    for table in WHOLE:
        connection.execute(f"DELETE FROM {table}")
        connection.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {PUBLISHED}.{table}")
    row = connection.execute("SELECT count(*) FROM caught_up_notices").fetchone()
    connection.execute("DROP TABLE caught_up_notices")
    return row[0] if row else 0


def _check_counts(connection: duckdb.DuckDBPyConnection) -> None:
    """Every table caught up holds as many rows as the published one: a last guard against a
    table whose rows change in a way its rule above does not follow."""
    for table in sorted(TABLES_CAUGHT_UP - frozenset(KEPT)):
        row = connection.execute(
            f"SELECT (SELECT count(*) FROM {table}), (SELECT count(*) FROM {PUBLISHED}.{table})"
        ).fetchone()
        if row is None or row[0] != row[1]:
            raise NotRecyclable(
                f"{table} holds {row and row[0]} rows after catching up, the published {row and row[1]}"
            )


def _tables(connection: duckdb.DuckDBPyConnection, database: str | None) -> set[str]:
    schemas = ", ".join(literal(schema) for schema in SCHEMAS_CAUGHT_UP)
    where = f"database_name = {literal(database)}" if database else "database_name = current_database()"
    return {
        f"{schema}.{table}"
        for schema, table in connection.execute(
            f"SELECT schema_name, table_name FROM duckdb_tables() WHERE {where} AND schema_name IN ({schemas})"
        ).fetchall()
    }
