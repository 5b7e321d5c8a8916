"""Documents → parsed rows in the raw tables: what `notices run` and the Dagster assets both call.

Incremental by content: a document's id is the SHA-256 of its bytes, and it is parsed again only
when the parser version stored with it differs from the running one. A notice already loaded from
another document (same `notice_id`, same parser version) is not loaded twice.
"""

from __future__ import annotations

import hashlib
import mimetypes
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import polars as pl

from .load.frames import ParsedDocument, to_frames
from .load.raw import replace_rows
from .parse import PARSER_VERSION, ParseError, parse_document
from .parse.extract import SUPPORTED_SUFFIXES
from .scrape.crawl import FetchRecord, StoredDocument
from .settings import REPO_ROOT, Settings


@dataclass(frozen=True)
class DocumentRef:
    document_id: str
    source: str
    url: str | None
    path: Path
    stored_path: str
    content_type: str
    size_bytes: int


def _resolve_dir(settings: Settings, folder: str) -> Path:
    path = Path(folder)
    if path.is_absolute():
        return path
    in_data_dir = settings.data_dir / path
    return in_data_dir if in_data_dir.exists() else REPO_ROOT / path


def _relative(path: Path, settings: Settings) -> str:
    for base in (settings.data_dir, REPO_ROOT):
        if path.is_relative_to(base):
            return str(path.relative_to(base))
    return str(path)


def local_documents(settings: Settings, folders: Iterable[str]) -> list[DocumentRef]:
    """Every supported file below the folders, once per distinct content."""
    found: dict[str, DocumentRef] = {}
    for folder in folders:
        directory = _resolve_dir(settings, folder)
        if not directory.is_dir():
            continue
        for path in sorted(p for p in directory.rglob("*") if p.is_file()):
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            data = path.read_bytes()
            document_id = hashlib.sha256(data).hexdigest()
            content_type = mimetypes.guess_type(path.name)[0] or "text/plain"
            found.setdefault(document_id, DocumentRef(
                document_id, f"local:{folder}", None, path, _relative(path, settings), content_type, len(data),
            ))
    return list(found.values())


def scraped_documents(settings: Settings, stored: Iterable[StoredDocument]) -> list[DocumentRef]:
    """Documents the crawler stored this run, with the URL they came from."""
    refs = []
    for document in stored:
        data = document.path.read_bytes()
        content_type = (document.content_type or "").split(";")[0] or mimetypes.guess_type(document.path.name)[0] or "text/html"
        refs.append(DocumentRef(hashlib.sha256(data).hexdigest(), document.source, document.url, document.path,
                                _relative(document.path, settings), content_type, len(data)))
    return refs


def known_pages(connection: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """URL → sha256 of the latest body stored for every URL by an earlier run.

    Articles and attachments in it are not fetched again; list pages always are, and compare.
    """
    if not _has_table(connection, "fetch_log"):
        return {}
    return dict(connection.execute(
        "SELECT url, arg_max(sha256, fetched_at) FROM raw.fetch_log WHERE sha256 IS NOT NULL GROUP BY url"
    ).fetchall())


def _has_table(connection: duckdb.DuckDBPyConnection, table: str) -> bool:
    row = connection.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'raw' AND table_name = ?", [table]
    ).fetchone()
    return bool(row and row[0])


def pending_documents(connection: duckdb.DuckDBPyConnection, refs: list[DocumentRef]) -> list[DocumentRef]:
    """Documents never parsed, or parsed by another parser version (the connection may be read-only)."""
    if not _has_table(connection, "documents"):
        return list(refs)
    current = {
        row[0] for row in connection.execute(
            "SELECT document_id FROM raw.documents WHERE parser_version = ?", [PARSER_VERSION]
        ).fetchall()
    }
    return [ref for ref in refs if ref.document_id not in current]


def parse_refs(refs: list[DocumentRef]) -> list[ParsedDocument]:
    """Parse each document; a failure is a row with its one-line reason, never a crashed run."""
    parsed = []
    for ref in refs:
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        notice, error = None, None
        try:
            notice = parse_document(ref.path.read_bytes(), ref.path.name, ref.content_type)
        except ParseError as failure:
            error = str(failure)
        except OSError as failure:
            error = f"cannot read {ref.stored_path}: {failure.strerror}"
        parsed.append(ParsedDocument(
            ref.document_id, ref.source, ref.url, ref.stored_path, ref.content_type, ref.size_bytes,
            now, PARSER_VERSION, now, notice, error,
        ))
    return parsed


def drop_known_notices(connection: duckdb.DuckDBPyConnection, parsed: list[ParsedDocument]) -> list[ParsedDocument]:
    """Keep the document rows, but not a second copy of a notice another document already gave."""
    known = dict(connection.execute(
        "SELECT notice_id, document_id FROM raw.notices WHERE parser_version = ?", [PARSER_VERSION]
    ).fetchall())
    kept = []
    for doc in parsed:
        if doc.notice is not None and known.get(doc.notice.notice_id, doc.document_id) != doc.document_id:
            kept.append(ParsedDocument(**{**doc.__dict__, "notice": None, "error": None}))
        else:
            kept.append(doc)
    return kept


def load_parsed(
    connection: duckdb.DuckDBPyConnection, parsed: list[ParsedDocument], fetches: Iterable[FetchRecord] = ()
) -> dict[str, int]:
    frames = to_frames(drop_known_notices(connection, parsed))
    fetch_rows = [record.__dict__ for record in fetches]
    if fetch_rows:
        frames["fetch_log"] = pl.DataFrame(fetch_rows, infer_schema_length=None)
    return replace_rows(connection, frames)
