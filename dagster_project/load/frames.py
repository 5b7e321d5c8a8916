"""Parsed notices → one Polars frame per raw table, of the columns and types `schema.TABLES` declares."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import polars as pl

from ..parse.model import HEADER_FIELDS, Claims, Notice
from .schema import TABLES

MAIN_SCOPE = "main"


@dataclass(frozen=True)
class ParsedDocument:
    """One document and what parsing it gave: a notice, or the one-line reason it failed."""

    document_id: str
    source: str
    url: str | None
    stored_path: str
    content_type: str
    size_bytes: int
    first_seen_at: datetime
    parser_version: str
    parsed_at: datetime
    notice: Notice | None
    error: str | None = None
    status: str | None = None  # raw.documents.parse_status; derived from `notice` when not given


def _claims_row(notice_id: str, scope: str, claims: Claims) -> dict[str, object]:
    values = claims.model_dump()
    values.pop("scope", None)
    return {"notice_id": notice_id, "scope": scope, **values}


def to_frames(documents: Iterable[ParsedDocument]) -> dict[str, pl.DataFrame]:
    """Rows for every raw table but fetch_log; a notice seen in two documents is kept once."""
    rows: dict[str, list[dict[str, object]]] = {
        name: []
        for name in (
            "documents",
            "notices",
            "claims",
            "categories",
            "issues",
            "measures",
            "warnings",
            "notice_texts",
            "evidence",
        )
    }
    seen: set[str] = set()
    for doc in documents:
        notice = doc.notice
        status = doc.status or (
            "failed" if notice is None else ("parsed" if notice.is_rectification_notice else "not_notice")
        )
        rows["documents"].append(
            {
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
                "notice_id": notice.notice_id if notice else None,
            }
        )
        if notice is None or notice.notice_id in seen:
            continue
        seen.add(notice.notice_id)
        nid = notice.notice_id
        rows["notices"].append(
            {
                "notice_id": nid,
                "document_id": doc.document_id,
                "source": doc.source,
                "source_url": doc.url,
                "parser_version": doc.parser_version,
                **notice.model_dump(include={*HEADER_FIELDS, "is_rectification_notice"}),
            }
        )
        if not notice.claims.is_empty():
            rows["claims"].append(_claims_row(nid, MAIN_SCOPE, notice.claims))
        rows["claims"].extend(_claims_row(nid, extra.scope, extra) for extra in notice.extra_claims)
        rows["categories"].extend(
            {"notice_id": nid, "category_index": c.index, "title": c.title} for c in notice.categories
        )
        for issue in notice.issues:
            rows["issues"].append(
                {
                    "notice_id": nid,
                    "issue_seq": issue.seq,
                    "category_index": issue.category_index,
                    "title": issue.title,
                    "status": issue.status,
                    "text": issue.text,
                    "responsible_unit": issue.responsible_unit,
                }
            )
            rows["measures"].extend(
                {"notice_id": nid, "issue_seq": issue.seq, "measure_seq": m.seq, "text": m.text} for m in issue.measures
            )
        rows["warnings"].extend(
            {"notice_id": nid, "warning_seq": i, "message": w} for i, w in enumerate(notice.warnings, start=1)
        )
        rows["notice_texts"].append(
            {"notice_id": nid, "notice_text": notice.text, "detection": "; ".join(notice.detection)}
        )
        rows["evidence"].extend(
            {
                "notice_id": nid,
                "field": field,
                "evidence_text": quote.text,
                "start_offset": quote.start,
                "end_offset": quote.end,
            }
            for field, quote in notice.evidence.items()
        )
    return {name: table_frame(name, table_rows) for name, table_rows in rows.items()}


def table_frame(table: str, rows: list[dict[str, object]]) -> pl.DataFrame:
    """Rows as a frame of the raw table's declared columns and types (schema.TABLES)."""
    return pl.DataFrame(rows, schema=TABLES[table].frame_schema(), strict=False)
