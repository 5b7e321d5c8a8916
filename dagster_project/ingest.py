"""Documents → parsed rows in the raw tables: what `notices run` and the Dagster assets both call.

Incremental by content: a document's id is the SHA-256 of its bytes, and it is parsed again only
when the parser version stored with it differs from the running one. A notice already loaded from
another document (same `notice_id`, same parser version) is not loaded twice.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from .documents import DocumentFailure, Limits, Outcome, display_path, parse_bounded, read_bounded
from .load.frames import ParsedDocument, table_frame, to_frames
from .load.raw import replace_rows
from .parse import PARSER_VERSION
from .parse.extract import SUPPORTED_SUFFIXES
from .scrape.crawl import FetchRecord, StoredDocument
from .settings import REPO_ROOT, Settings, utc_now


@dataclass(frozen=True)
class DocumentRef:
    """A document found by the scan; `failure` when it could not even be read (FIFO, too large …)."""

    document_id: str
    source: str
    url: str | None
    path: Path
    stored_path: str
    content_type: str
    size_bytes: int
    failure: Outcome | None = None


BUNDLED_SAMPLES = REPO_ROOT / "raw" / "samples"


def _resolve_dir(settings: Settings, folder: str) -> Path:
    """A folder of the sources file, below the data dir. Only the bundled samples fall back to the
    repository's copy: another data dir's inbox is its own, never the repository's."""
    path = Path(folder)
    if path.is_absolute():
        return path
    in_data_dir = settings.data_dir / path
    if not in_data_dir.exists() and (REPO_ROOT / path).resolve() == BUNDLED_SAMPLES:
        return BUNDLED_SAMPLES
    return in_data_dir


def _relative(path: Path, settings: Settings) -> str:
    for base in (settings.data_dir, REPO_ROOT):
        if path.is_relative_to(base):
            return display_path(path.relative_to(base))
    return display_path(path)


def _unread_id(path: Path, size: int) -> str:
    """Id of a document whose bytes were not read: its path and size (a changed file is tried again)."""
    return hashlib.sha256(b"unread:" + os.fsencode(path) + f":{size}".encode()).hexdigest()


def _ref_for(path: Path, source: str, url: str | None, content_type: str, settings: Settings) -> DocumentRef:
    stored = _relative(path, settings)
    try:
        data = read_bounded(path, settings.limits.max_bytes)
    except DocumentFailure as failure:
        size = path.lstat().st_size if path.exists() or path.is_symlink() else 0
        return DocumentRef(
            _unread_id(path, size),
            source,
            url,
            path,
            stored,
            content_type,
            size,
            Outcome(failure.status, reason=failure.reason),
        )
    return DocumentRef(hashlib.sha256(data).hexdigest(), source, url, path, stored, content_type, len(data))


def _files_below(directory: Path) -> list[Path]:
    """Every non-directory entry below, FIFOs and devices included (they become rows); dotfiles skipped."""
    found: list[Path] = []
    for root, folders, files in os.walk(directory):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        found.extend(Path(root) / name for name in sorted(files) if not name.startswith("."))
    return found


def local_documents(settings: Settings, folders: Iterable[str]) -> list[DocumentRef]:
    """Every file below the folders, once per distinct content; unusable files as failed refs.

    A file whose suffix is not a supported format is recorded as `unsupported` rather than
    dropped silently; dotfiles (.gitkeep, editor swap files) are not documents and are skipped.
    """
    found: dict[str, DocumentRef] = {}
    for folder in folders:
        directory = _resolve_dir(settings, folder)
        if not directory.is_dir():
            continue
        for path in _files_below(directory):
            content_type = mimetypes.guess_type(path.name)[0] or "text/plain"
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                size = path.lstat().st_size
                ref = DocumentRef(
                    _unread_id(path, size),
                    f"local:{folder}",
                    None,
                    path,
                    _relative(path, settings),
                    content_type,
                    size,
                    Outcome("unsupported", reason=f"unsupported file type “{path.suffix or 'none'}”; not read"),
                )
            else:
                ref = _ref_for(path, f"local:{folder}", None, content_type, settings)
            found.setdefault(ref.document_id, ref)
    return list(found.values())


def scraped_documents(settings: Settings, stored: Iterable[StoredDocument]) -> list[DocumentRef]:
    """Documents the crawler stored this run, with the URL they came from."""
    refs = []
    for document in stored:
        content_type = (
            (document.content_type or "").split(";")[0] or mimetypes.guess_type(document.path.name)[0] or "text/html"
        )
        refs.append(_ref_for(document.path, document.source, document.url, content_type, settings))
    return refs


def known_pages(connection: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """URL → sha256 of the latest body stored for every URL by an earlier run.

    Articles and attachments in it are not fetched again; list pages always are, and compare.
    """
    if not _has_table(connection, "fetch_log"):
        return {}
    return dict(
        connection.execute(
            "SELECT url, arg_max(sha256, fetched_at) FROM raw.fetch_log WHERE sha256 IS NOT NULL GROUP BY url"
        ).fetchall()
    )


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
        row[0]
        for row in connection.execute(
            "SELECT document_id FROM raw.documents WHERE parser_version = ?", [PARSER_VERSION]
        ).fetchall()
    }
    return [ref for ref in refs if ref.document_id not in current]


def parse_refs(refs: list[DocumentRef], limits: Limits) -> list[ParsedDocument]:
    """Parse each document within the limits; a failure is a row with its one-line reason."""
    readable = [ref for ref in refs if ref.failure is None]
    outcomes = {path: outcome for path, outcome in parse_bounded(((r.path, r.content_type) for r in readable), limits)}
    parsed = []
    for ref in refs:
        now = utc_now()
        outcome = ref.failure or outcomes[ref.path]
        parsed.append(
            ParsedDocument(
                ref.document_id,
                ref.source,
                ref.url,
                ref.stored_path,
                ref.content_type,
                ref.size_bytes,
                now,
                PARSER_VERSION,
                now,
                outcome.notice,
                outcome.reason,
                outcome.status,
            )
        )
    return parsed


def drop_known_notices(connection: duckdb.DuckDBPyConnection, parsed: list[ParsedDocument]) -> list[ParsedDocument]:
    """Keep the document rows, but not a second copy of a notice another document already gave."""
    known = dict(
        connection.execute(
            "SELECT notice_id, document_id FROM raw.notices WHERE parser_version = ?", [PARSER_VERSION]
        ).fetchall()
    )
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
        frames["fetch_log"] = table_frame("fetch_log", fetch_rows)
    return replace_rows(connection, frames)
