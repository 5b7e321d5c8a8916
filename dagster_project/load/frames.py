"""Parsed documents → one Polars frame per raw table, of the columns and types `schema.TABLES` declares."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import polars as pl

from .rows import DOCUMENT_COLUMNS, NOTICE_TABLES, Columns, NoticeRows
from .schema import TABLES


@dataclass(frozen=True)
class ParsedDocument:
    """One document and what parsing it gave: a notice's rows, or the one-line reason it failed."""

    document_id: str
    source: str
    url: str | None
    stored_path: str
    content_type: str
    size_bytes: int
    first_seen_at: datetime
    parser_version: str
    parsed_at: datetime
    rows: NoticeRows | None
    error: str | None = None
    status: str | None = None  # raw.documents.parse_status; derived from `rows` when not given


def to_frames(documents: Iterable[ParsedDocument]) -> dict[str, pl.DataFrame]:
    """Rows for every raw table but fetch_log and files; a notice seen in two documents is kept once."""
    tables: dict[str, Columns] = {
        name: {column: [] for column in TABLES[name].column_names} for name in ("documents", *NOTICE_TABLES)
    }
    documents_columns, notices_columns = tables["documents"], tables["notices"]
    seen: set[str] = set()
    for doc in documents:
        rows = doc.rows
        status = doc.status or (
            "failed" if rows is None else ("parsed" if rows.is_rectification_notice else "not_notice")
        )
        values = {
            "document_id": doc.document_id,
            "source": doc.source,
            "url": doc.url,
            "stored_path": doc.stored_path,
            "content_type": doc.content_type,
            "size_bytes": doc.size_bytes,
            "first_seen_at": doc.first_seen_at,
            "parser_version": doc.parser_version,
            "parsed_at": doc.parsed_at,
            "parse_status": status,
            "parse_error": doc.error,
            "notice_id": rows.notice_id if rows else None,
        }
        for column, cells in documents_columns.items():
            cells.append(values[column])
        if rows is None or rows.notice_id in seen:
            continue
        seen.add(rows.notice_id)
        for column, value in zip(DOCUMENT_COLUMNS, (doc.document_id, doc.source, doc.url, doc.parser_version)):
            notices_columns[column].append(value)
        for table, columns in rows.tables.items():
            target = tables[table]
            for column, cells in columns.items():
                target[column].extend(cells)
    return {
        name: pl.DataFrame(columns, schema=TABLES[name].frame_schema(), strict=False)
        for name, columns in tables.items()
    }


def table_frame(table: str, rows: list[dict[str, object]]) -> pl.DataFrame:
    """Rows as a frame of the raw table's declared columns and types (schema.TABLES)."""
    return pl.DataFrame(rows, schema=TABLES[table].frame_schema(), strict=False)
