"""The `raw` schema, declared once: the contract between the Python stages and dbt.

Each table's columns (name, type, nullability, description), grain and key are written here only;
the DDL (`ddl`), the Polars frame schema (`frame_schema`) and dbt's `models/staging/_sources.yml`
(`sources_yaml`, checked in and tested for drift) are produced from it, as PUDL derives its checks
and dbt YAML from one table spec. Regenerate the YAML with `python -m dagster_project.load.schema`.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import yaml

from ..sql import literal

if TYPE_CHECKING:  # imported where frames are made: the parsing workers read the columns (rows.py) without it
    import polars as pl

RAW_SCHEMA = "raw"
SOURCES_YML = "dbt/models/staging/_sources.yml"


@cache
def _polars_types() -> dict[str, pl.DataType]:
    import polars as pl

    return {
        "VARCHAR": pl.String(),
        "INTEGER": pl.Int32(),
        "BIGINT": pl.Int64(),
        "DOUBLE": pl.Float64(),
        "BOOLEAN": pl.Boolean(),
        "DATE": pl.Date(),
        "TIMESTAMP": pl.Datetime("us"),
    }


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str
    nullable: bool = True


@dataclass(frozen=True)
class RawTable:
    name: str
    grain: str  # what one row is: the table's description in dbt
    key: tuple[str, ...]  # the columns a row is unique by
    columns: tuple[Column, ...]
    feeds_dbt: bool = True  # False for the Python stages' own bookkeeping (the scan index)

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]

    def ddl(self) -> str:
        return ",\n".join(f"{c.name} {c.type}{'' if c.nullable else ' NOT NULL'}" for c in self.columns)

    def comments(self) -> list[str]:
        """COMMENT ON statements: the same descriptions dbt's sources show, for SQL and BI tools."""
        table = f"{RAW_SCHEMA}.{self.name}"
        return [f"COMMENT ON TABLE {table} IS {literal(self.grain)}"] + [
            f"COMMENT ON COLUMN {table}.{c.name} IS {literal(c.description)}" for c in self.columns
        ]

    def frame_schema(self) -> dict[str, pl.DataType]:
        types = _polars_types()
        return {column.name: types[column.type] for column in self.columns}


def _c(name: str, type_: str, description: str, nullable: bool = True) -> Column:
    return Column(name, type_, description, nullable)


NOTICE_ID = _c("notice_id", "VARCHAR", "The notice: hash of its normalised body.", nullable=False)

TABLES: dict[str, RawTable] = {
    table.name: table
    for table in (
        RawTable(
            "fetch_log",
            "One row per HTTP fetch attempt of the crawler, failures and robots refusals included.",
            ("fetch_id",),
            (
                _c("fetch_id", "VARCHAR", "Id of the attempt.", nullable=False),
                _c("source", "VARCHAR", "The configured source crawled.", nullable=False),
                _c("url", "VARCHAR", "The URL requested.", nullable=False),
                _c("final_url", "VARCHAR", "The URL after redirects."),
                _c("kind", "VARCHAR", "list, article or attachment.", nullable=False),
                _c("http_status", "INTEGER", "HTTP status code; null when no response came."),
                _c("fetched_at", "TIMESTAMP", "When (UTC).", nullable=False),
                _c("sha256", "VARCHAR", "Hash of the body stored."),
                _c("encoding", "VARCHAR", "The body's decoded encoding."),
                _c("content_type", "VARCHAR", "The response's Content-Type."),
                _c("stored_path", "VARCHAR", "Where the body is stored, below the data dir."),
                _c("outcome", "VARCHAR", "new, unchanged, skipped_known, failed, robots_forbidden …", nullable=False),
                _c("error", "VARCHAR", "One-line reason of a failure."),
            ),
        ),
        RawTable(
            "files",
            "One row per file the last scan found, with its size and time: a later scan does not read a "
            "file again whose size and time are unchanged.",
            ("stored_path",),
            (
                _c("stored_path", "VARCHAR", "The file, below the data dir, lossless.", nullable=False),
                _c("size_bytes", "BIGINT", "Its size when scanned.", nullable=False),
                _c("modified_ns", "BIGINT", "Its modification time when scanned (ns since the epoch).", nullable=False),
                _c("document_id", "VARCHAR", "SHA-256 of its bytes: the document it holds.", nullable=False),
            ),
            feeds_dbt=False,
        ),
        RawTable(
            "documents",
            "One row per stored document (distinct bytes), with the outcome of parsing it.",
            ("document_id",),
            (
                _c("document_id", "VARCHAR", "SHA-256 of the bytes (of path and size when unread).", nullable=False),
                _c("source", "VARCHAR", "local:<folder> or the crawled source.", nullable=False),
                _c("url", "VARCHAR", "Where it was fetched from; null for local files."),
                _c("stored_path", "VARCHAR", "Its file, lossless (non-UTF-8 bytes as \\xNN).", nullable=False),
                _c("content_type", "VARCHAR", "MIME type.", nullable=False),
                _c("size_bytes", "BIGINT", "Size in bytes.", nullable=False),
                _c("first_seen_at", "TIMESTAMP", "When it was first parsed (UTC).", nullable=False),
                _c("parser_version", "VARCHAR", "Hash of the parser's source that read it.", nullable=False),
                _c("parsed_at", "TIMESTAMP", "When it was parsed (UTC).", nullable=False),
                _c(
                    "parse_status",
                    "VARCHAR",
                    "parsed, not_notice, failed, too_large, not_regular, unreadable, unsupported or timeout.",
                    nullable=False,
                ),
                _c("parse_error", "VARCHAR", "One-line reason when it could not be parsed."),
                _c("notice_id", "VARCHAR", "The notice it gave, if any."),
            ),
        ),
        RawTable(
            "notices",
            "One row per notice (a rectification notice or another text), keyed by notice_id.",
            ("notice_id",),
            (
                NOTICE_ID,
                _c("document_id", "VARCHAR", "The document it was read from.", nullable=False),
                _c("source", "VARCHAR", "Where the document came from.", nullable=False),
                _c("source_url", "VARCHAR", "Its URL; null for local files."),
                _c("parser_version", "VARCHAR", "Hash of the parser's source that read it.", nullable=False),
                _c("title", "VARCHAR", "The notice's own title as written."),
                _c("issuer", "VARCHAR", "The body that signs it."),
                _c("inspection_kind", "VARCHAR", "巡视 or 巡察."),
                _c("inspector", "VARCHAR", "The inspecting group as written."),
                _c("inspection_start", "DATE", "First day of the inspection."),
                _c("inspection_end", "DATE", "Last day of the inspection."),
                _c("feedback_date", "DATE", "Day the group fed back its opinions."),
                _c("as_of_date", "DATE", "The 截至 day of the summary."),
                _c("signed_date", "DATE", "Date under the signature."),
                _c("published_date", "DATE", "Day of the page's own publication line."),
                _c("is_rectification_notice", "BOOLEAN", "Whether the text is a rectification notice.", nullable=False),
            ),
        ),
        RawTable(
            "claims",
            "One row per notice × claim scope ('main' for the headline summary), counts as written.",
            ("notice_id", "scope"),
            (
                NOTICE_ID,
                _c("scope", "VARCHAR", "main, or a secondary group (立行立改 …).", nullable=False),
                _c("total", "INTEGER", "The count the statuses refer to."),
                _c("total_unit", "VARCHAR", "Its unit as written (个问题, 项分项任务 …)."),
                _c("problems", "INTEGER", "Problems fed back."),
                _c("aspects", "INTEGER", "方面/类 the problems are grouped in."),
                _c("completed", "INTEGER", "Completed."),
                _c("basically_completed", "INTEGER", "Basically completed."),
                _c("in_progress", "INTEGER", "In progress."),
                _c("not_completed", "INTEGER", "Not completed."),
                _c("long_term", "INTEGER", "Long-term."),
                _c("completion_rate_pct", "DOUBLE", "The completion rate as written, in percent."),
                _c("completion_rate_written", "VARCHAR", "The rate's text, whose decimals are its precision."),
                _c("measures", "INTEGER", "Measures made for the problems."),
                _c("rules_made", "INTEGER", "Rules made or revised to fix them."),
            ),
        ),
        RawTable(
            "categories",
            "One row per notice × problem category.",
            ("notice_id", "category_index"),
            (
                NOTICE_ID,
                _c("category_index", "INTEGER", "The category's number in the notice.", nullable=False),
                _c("title", "VARCHAR", "Its heading.", nullable=False),
            ),
        ),
        RawTable(
            "issues",
            "One row per notice × feedback problem.",
            ("notice_id", "issue_seq"),
            (
                NOTICE_ID,
                _c("issue_seq", "INTEGER", "The problem's position in the notice, 1…N.", nullable=False),
                _c("category_index", "INTEGER", "Its category, if any."),
                _c("title", "VARCHAR", "The problem's name.", nullable=False),
                _c("status", "VARCHAR", "Its status section or 完成情况; null if none."),
                _c("text", "VARCHAR", "What the notice says was done.", nullable=False),
                _c("responsible_unit", "VARCHAR", "责任单位 as written."),
            ),
        ),
        RawTable(
            "measures",
            "One row per notice × problem × measure.",
            ("notice_id", "issue_seq", "measure_seq"),
            (
                NOTICE_ID,
                _c("issue_seq", "INTEGER", "The problem.", nullable=False),
                _c("measure_seq", "INTEGER", "The measure's position, 1…N.", nullable=False),
                _c("text", "VARCHAR", "The measure.", nullable=False),
            ),
        ),
        RawTable(
            "warnings",
            "One row per notice × parser warning.",
            ("notice_id", "warning_seq"),
            (
                NOTICE_ID,
                _c("warning_seq", "INTEGER", "The warning's position.", nullable=False),
                _c("message", "VARCHAR", "What the parser repaired or doubted.", nullable=False),
            ),
        ),
        RawTable(
            "notice_texts",
            "One row per notice, its cleaned text; evidence offsets refer to it.",
            ("notice_id",),
            (
                NOTICE_ID,
                _c("notice_text", "VARCHAR", "The cleaned text, in the notice's own script.", nullable=False),
                _c("detection", "VARCHAR", "The signals behind is_rectification_notice."),
            ),
        ),
        RawTable(
            "evidence",
            "One row per notice × emitted field: the sentence or line the value was read from, "
            "notice_text[start_offset:end_offset] (0-based, end exclusive, in characters).",
            ("notice_id", "field"),
            (
                NOTICE_ID,
                _c("field", "VARCHAR", "The fact (title, feedback_date, claims.completed …).", nullable=False),
                _c("evidence_text", "VARCHAR", "The words it was read from.", nullable=False),
                _c("start_offset", "INTEGER", "Where they start in notice_text.", nullable=False),
                _c("end_offset", "INTEGER", "Where they end.", nullable=False),
            ),
        ),
    )
}


def sources_yaml() -> str:
    """dbt's sources file for the raw schema, from the declarations above."""
    tables = []
    for table in (table for table in TABLES.values() if table.feeds_dbt):
        # The DDL enforces NOT NULL; dbt tests the keys: unique single keys, unique_columns composites.
        columns = []
        for column in table.columns:
            entry: dict[str, object] = {"name": column.name, "description": column.description}
            if table.key == (column.name,):
                entry["data_tests"] = ["unique", "not_null"]
            columns.append(entry)
        entry = {"name": table.name, "description": table.grain}
        if len(table.key) > 1:
            entry["data_tests"] = [{"unique_columns": {"arguments": {"columns": list(table.key)}}}]
        tables.append({**entry, "columns": columns})
    document = {
        "version": 2,
        "sources": [
            {
                "name": "raw",
                "schema": RAW_SCHEMA,
                "description": "Rows written by the Python stages; generated from dagster_project/load/schema.py.",
                "tables": tables,
            }
        ],
    }
    header = "# Generated by `python -m dagster_project.load.schema` from load/schema.py: do not edit.\n"
    return header + yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=120)


if __name__ == "__main__":
    sys.stdout.write(sources_yaml())
