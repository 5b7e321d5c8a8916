"""Tonight's build file is the warehouse the last publish replaced, brought up to date: not a copy.

A run builds into a file of its own and publishes it by renaming it onto `warehouse/notices.duckdb`
(publish.py). Starting each build as a copy of the published file costs what the file weighs: at
100,000 notices 12.5 GB, and 34-51 s of every night however little it adds. So the publish keeps
the warehouse it replaces under a second name, `warehouse/notices.previous.duckdb` (a hard link: no
byte is copied), and the next run renames that file to its build file and brings it up to the
published warehouse (`catch_up`), in one transaction: the rows of its raw and quality tables, of
dbt's incremental models and of the search documents (and their fts index) that the night it missed
changed, and `meta.build_info` last. The file then dates as the published one, and dbt, the checks
and the search index redo only what this night loads. (Keeping its own build_info instead made
them redo two nights, which at 100,000 notices cost as much as the copy saved.) The other marts
are rebuilt whole by dbt every night.

The copy is made instead when the previous file cannot serve (`NotRecyclable` says which, and the
run's metadata shows it):
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
# Small tables whose rows change in place: written whole. meta.build_info too, last: the file then
# dates as the published one, and dbt, the checks and the search index redo only what this night loads.
WHOLE = (f"{RAW_SCHEMA}.files", f"{RAW_SCHEMA}.documents", CHECKED_TABLE, "meta.build_info")
TABLES_CAUGHT_UP = frozenset(BY_NOTICE) | frozenset(APPENDED) | frozenset(WHOLE)
# The schemas whose every table is caught up above (the other tables of the marts and intermediate
# schemas, and the seeds, are rebuilt whole by dbt every night).
SCHEMAS_CAUGHT_UP = ("raw", "quality", "meta")
# dbt's incremental models (delete+insert by notice_id; tests/test_recycle.py checks this list
# against the dbt project): their rows of the notices caught up are taken from the published file,
# as are those of the search documents, whose fts index is updated with them (search.py).
INCREMENTAL_MODELS = (
    "marts.dim_notice", "marts.fct_issue", "marts.fct_measure", "marts.fct_claim", "marts.fct_evidence",
    "marts.fct_parser_warning", "intermediate.int_stated_periods",
)  # fmt: skip
SEARCH_DOCUMENTS = "marts.search_documents"
SEARCH_INDEX_DOCS = "fts_marts_search_documents.docs"  # search.FTS_SCHEMA's (not imported: see _replace_rows)


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
        marts = _built_marts(connection)
        connection.execute("BEGIN TRANSACTION")
        try:
            notices = _replace_rows(connection, base.built_at.isoformat(sep=" "), marts)
            indexed = [SEARCH_INDEX_DOCS] if SEARCH_DOCUMENTS in marts else []
            _check_counts(connection, sorted(TABLES_CAUGHT_UP) + marts + indexed)
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


def _built_marts(connection: duckdb.DuckDBPyConnection) -> list[str]:
    """The incremental models and search documents both files hold (a warehouse whose dbt build
    or search index never ran has none); NotRecyclable when only one of them holds a table."""
    schemas = ("marts", "intermediate")
    held, published = _tables(connection, None, schemas), _tables(connection, PUBLISHED, schemas)
    wanted = (*INCREMENTAL_MODELS, SEARCH_DOCUMENTS)
    if any((name in held) != (name in published) for name in wanted):
        raise NotRecyclable("the previous and the published warehouse hold different marts")
    return [name for name in wanted if name in held]


def _replace_rows(connection: duckdb.DuckDBPyConnection, since: str, marts: list[str]) -> int:
    connection.execute(f"""
        CREATE TEMP TABLE caught_up_notices AS
        SELECT notice_id FROM {PUBLISHED}.raw.documents
        WHERE notice_id IS NOT NULL AND parsed_at > TIMESTAMP {literal(since)}
        UNION
        (SELECT notice_id FROM raw.notices EXCEPT SELECT notice_id FROM {PUBLISHED}.raw.notices)
    """)
    keys = "notice_id IN (SELECT notice_id FROM caught_up_notices)"
    for table in (*BY_NOTICE, *(mart for mart in marts if mart != SEARCH_DOCUMENTS)):
        connection.execute(f"DELETE FROM {table} WHERE {keys}")
        connection.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {PUBLISHED}.{table} WHERE {keys}")
    if SEARCH_DOCUMENTS in marts:
        from .search import take_notices_from  # not at the top: rjieba and pyarrow, 0.5 s of imports

        take_notices_from(connection, PUBLISHED, "SELECT notice_id FROM caught_up_notices")
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


def _check_counts(connection: duckdb.DuckDBPyConnection, tables: list[str]) -> None:
    """Every table caught up holds as many rows as the published one: a last guard against a
    table whose rows change in a way its rule above does not follow."""
    for table in tables:
        row = connection.execute(
            f"SELECT (SELECT count(*) FROM {table}), (SELECT count(*) FROM {PUBLISHED}.{table})"
        ).fetchone()
        if row is None or row[0] != row[1]:
            raise NotRecyclable(
                f"{table} holds {row and row[0]} rows after catching up, the published {row and row[1]}"
            )


def _tables(
    connection: duckdb.DuckDBPyConnection, database: str | None, schemas: tuple[str, ...] = SCHEMAS_CAUGHT_UP
) -> set[str]:
    """`schema.table` of the tables in `schemas` of `database` (default the connection's own)."""
    names = ", ".join(literal(schema) for schema in schemas)
    where = f"database_name = {literal(database)}" if database else "database_name = current_database()"
    return {
        f"{schema}.{table}"
        for schema, table in connection.execute(
            f"SELECT schema_name, table_name FROM duckdb_tables() WHERE {where} AND schema_name IN ({names})"
        ).fetchall()
    }
