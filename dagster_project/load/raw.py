"""Write frames into the `raw` schema of a DuckDB file: one transaction, delete-and-insert by key."""

from __future__ import annotations

import duckdb
import polars as pl

from ..sql import literal
from .schema import RAW_SCHEMA, TABLES

# The key a rerun replaces rows by: re-parsing a document replaces everything it produced.
REPLACE_KEYS: dict[str, str] = {
    "fetch_log": "fetch_id",
    "files": "stored_path",
    "documents": "document_id",
    "notices": "notice_id",
    "claims": "notice_id",
    "categories": "notice_id",
    "issues": "notice_id",
    "measures": "notice_id",
    "warnings": "notice_id",
    "notice_texts": "notice_id",
    "evidence": "notice_id",
}


def ensure_raw_schema(connection: duckdb.DuckDBPyConnection) -> None:
    """Create the raw schema and the tables it lacks. Every loaded batch asks: one catalog query
    when all exist, where a CREATE TABLE IF NOT EXISTS per table took 6 ms each."""
    existing = {
        name
        for (name,) in connection.execute(
            "SELECT table_name FROM duckdb_tables() "
            f"WHERE database_name = current_database() AND schema_name = {literal(RAW_SCHEMA)}"
        ).fetchall()
    }
    if existing.issuperset(TABLES):
        return
    connection.execute(f"CREATE SCHEMA IF NOT EXISTS {RAW_SCHEMA}")
    for name, table in TABLES.items():
        if name not in existing:
            connection.execute(f"CREATE TABLE IF NOT EXISTS {RAW_SCHEMA}.{name} ({table.ddl()})")


def describe_raw_schema(connection: duckdb.DuckDBPyConnection) -> None:
    """The contract's descriptions as comments on the raw tables (once per build, not per batch)."""
    for table in TABLES.values():
        for statement in table.comments():
            connection.execute(statement)


def replace_rows(connection: duckdb.DuckDBPyConnection, frames: dict[str, pl.DataFrame]) -> dict[str, int]:
    """Delete what the new rows replace, then bulk-insert them; all or nothing.

    Rows keyed by notice are deleted for every notice in the `notices` frame, so a re-parse that
    yields fewer issues or claims leaves none of the old ones behind.
    """
    ensure_raw_schema(connection)
    written: dict[str, int] = {}
    replaced_notices = frames.get("notices", pl.DataFrame())
    if replaced_notices.is_empty():
        replaced_notices = pl.DataFrame({"notice_id": []}, schema={"notice_id": pl.String})
    connection.execute("BEGIN TRANSACTION")
    try:
        # A document parsed again (a new parser version) may now give another notice_id: what it
        # gave before goes too, or the marts would hold the old reading beside the new.
        documents = frames.get("documents", pl.DataFrame())
        if not documents.is_empty():
            connection.register("reparsed_documents", documents.select("document_id").to_arrow())
            earlier = connection.execute(
                f"SELECT notice_id FROM {RAW_SCHEMA}.notices WHERE document_id IN (SELECT document_id FROM reparsed_documents)"
            ).pl()
            connection.unregister("reparsed_documents")
            replaced_notices = pl.concat([replaced_notices.select("notice_id"), earlier.select("notice_id")]).unique()
        connection.register("replaced_notices", replaced_notices.select("notice_id").to_arrow())
        # Only notices already stored have rows to delete: on a first load (most of a night's
        # notices) the deletes over every notice-keyed table are skipped.
        stored = connection.execute(
            f"SELECT count(*) FROM {RAW_SCHEMA}.notices WHERE notice_id IN (SELECT notice_id FROM replaced_notices)"
        ).fetchone()
        any_stored = bool(stored and stored[0])
        for table, frame in frames.items():
            key = REPLACE_KEYS[table]
            keys_from = "replaced_notices" if key == "notice_id" else "incoming"
            columns = TABLES[table].column_names
            if not frame.is_empty():
                incoming = frame.select([pl.col(c) if c in frame.columns else pl.lit(None).alias(c) for c in columns])
                connection.register("incoming", incoming.to_arrow())
            elif keys_from == "incoming":
                written[table] = 0
                continue
            if any_stored or keys_from == "incoming":
                connection.execute(f"DELETE FROM {RAW_SCHEMA}.{table} WHERE {key} IN (SELECT {key} FROM {keys_from})")
            if not frame.is_empty():
                names = ", ".join(columns)
                connection.execute(f"INSERT INTO {RAW_SCHEMA}.{table} ({names}) SELECT {names} FROM incoming")
                connection.unregister("incoming")
            written[table] = frame.height
        connection.unregister("replaced_notices")
        connection.execute("COMMIT")
    except Exception:
        connection.execute("ROLLBACK")
        raise
    return written
