"""A parsed notice as the rows it adds to each raw table: made in the parsing workers.

Free of Polars and DuckDB on purpose: the workers import this module, and a frame library in each
of them would cost its memory for nothing (`frames.py` builds the frames in the loading process).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..parse.model import HEADER_FIELDS, Claims, Notice
from .schema import TABLES

MAIN_SCOPE = "main"


# The raw tables a notice feeds; `documents` is fed by the document itself.
NOTICE_TABLES = ("notices", "claims", "categories", "issues", "measures", "warnings", "notice_texts", "evidence")
# The columns of raw.notices that come from the document the notice was read from, not from the notice.
DOCUMENT_COLUMNS = ("document_id", "source", "source_url", "parser_version")

Columns = dict[str, list[object]]


@dataclass(frozen=True)
class NoticeRows:
    """A notice as the rows it adds to each raw table, column by column, in the tables' declared
    columns (schema.TABLES) but for raw.notices' DOCUMENT_COLUMNS, which its document fills.

    The parsing workers send these instead of the pydantic `Notice`: plain lists cross the process
    boundary about four times cheaper (pickling and unpickling a bench notice took 0.8 ms against
    3.0 ms, 2 ms of it unpickling in the loading process), and a batch's frames are built by
    extending its column lists."""

    notice_id: str
    is_rectification_notice: bool
    tables: dict[str, Columns]


def notice_rows(notice: Notice) -> NoticeRows:
    """The notice's rows in every table of NOTICE_TABLES (a column the values do not give is null,
    a value no column takes is not kept, as a frame of the declared schema would have it)."""
    tables: dict[str, Columns] = {
        name: {
            column: [] for column in TABLES[name].column_names if name != "notices" or column not in DOCUMENT_COLUMNS
        }
        for name in NOTICE_TABLES
    }

    def add(table: str, values: dict[str, object]) -> None:
        for column, cells in tables[table].items():
            cells.append(values.get(column))

    nid = notice.notice_id
    add("notices", {"notice_id": nid, **notice.model_dump(include={*HEADER_FIELDS, "is_rectification_notice"})})
    if not notice.claims.is_empty():
        add("claims", _claims_row(nid, MAIN_SCOPE, notice.claims))
    for extra in notice.extra_claims:
        add("claims", _claims_row(nid, extra.scope, extra))
    for category in notice.categories:
        add("categories", {"notice_id": nid, "category_index": category.index, "title": category.title})
    for issue in notice.issues:
        add(
            "issues",
            {
                "notice_id": nid,
                "issue_seq": issue.seq,
                "category_index": issue.category_index,
                "title": issue.title,
                "status": issue.status,
                "text": issue.text,
                "responsible_unit": issue.responsible_unit,
            },
        )
        for measure in issue.measures:
            add(
                "measures", {"notice_id": nid, "issue_seq": issue.seq, "measure_seq": measure.seq, "text": measure.text}
            )
    for seq, message in enumerate(notice.warnings, start=1):
        add("warnings", {"notice_id": nid, "warning_seq": seq, "message": message})
    add("notice_texts", {"notice_id": nid, "notice_text": notice.text, "detection": "; ".join(notice.detection)})
    for field, quote in notice.evidence.items():
        add(
            "evidence",
            {
                "notice_id": nid,
                "field": field,
                "evidence_text": quote.text,
                "start_offset": quote.start,
                "end_offset": quote.end,
            },
        )
    return NoticeRows(nid, notice.is_rectification_notice, tables)


def _claims_row(notice_id: str, scope: str, claims: Claims) -> dict[str, object]:
    values = claims.model_dump()
    values.pop("scope", None)
    return {"notice_id": notice_id, "scope": scope, **values}
