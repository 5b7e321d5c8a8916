"""Documents → parsed rows in the raw tables: what `notices run` and the Dagster assets both call.

Incremental by content: a document's id is the SHA-256 of its bytes, and it is parsed again only
when the parser version stored with it differs from the running one. A notice already loaded from
another document (same `notice_id`, same parser version) is not loaded twice.
"""

from __future__ import annotations

import functools
import hashlib
import mimetypes
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from . import parse_cache
from .documents import DocumentFailure, Limits, Outcome, check_regular, display_path, parse_bounded, read_bounded
from .load.frames import ParsedDocument, table_frame, to_frames
from .load.raw import replace_rows
from .parse import PARSER_VERSION
from .parse.formats import SUPPORTED_SUFFIXES
from .publish import build_state, built_by_this_code, catalog_is_current, parquet_set_is_published
from .scrape.crawl import FetchRecord, StoredDocument
from .settings import REPO_ROOT, Settings, utc_now
from .sources import SourcesConfig
from .sql import literal


@dataclass(frozen=True)
class DocumentRef:
    """A document found by the scan; `failure` when it could not even be read (FIFO, too large …)."""

    document_id: str
    source: str
    url: str | None
    file: str  # its path on this machine, as the OS takes it
    stored_path: str
    content_type: str
    size_bytes: int
    failure: Outcome | None = None
    modified_ns: int = 0  # the file's time when scanned: with its size, what the scan index keys on

    @property
    def path(self) -> Path:
        """`file` as a Path, made when asked: a scan of 100,000 unchanged files spent a third of its
        time making and printing Path objects it never used."""
        return Path(self.file)


# stored_path → (size, modification time, document id) of the files an earlier scan read.
FileIndex = dict[str, tuple[int, int, str]]


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


def _unread_id(path: str, size: int) -> str:
    """Id of a document whose bytes were not read: its path and size (a changed file is tried again)."""
    return hashlib.sha256(b"unread:" + os.fsencode(path) + f":{size}".encode()).hexdigest()


def _ref_for(
    file: str,
    source: str,
    url: str | None,
    content_type: str,
    settings: Settings,
    index: FileIndex | None = None,
    stored: str | None = None,
) -> DocumentRef:
    """The document a file holds. A file the index knows with the same size and time is not read
    again: hashing every file of a large inbox each night would cost more than the whole no-change run."""
    stored = stored if stored is not None else _relative(Path(file), settings)
    try:
        info = check_regular(file, settings.limits.max_bytes)
        known = (index or {}).get(stored)
        if known is not None and known[:2] == (info.st_size, info.st_mtime_ns):
            return DocumentRef(
                known[2], source, url, file, stored, content_type, info.st_size, modified_ns=info.st_mtime_ns
            )
        data = read_bounded(file, settings.limits.max_bytes)
    except DocumentFailure as failure:
        size = os.lstat(file).st_size if os.path.lexists(file) else 0
        return DocumentRef(
            _unread_id(file, size),
            source,
            url,
            file,
            stored,
            content_type,
            size,
            Outcome(failure.status, reason=failure.reason),
        )
    return DocumentRef(
        hashlib.sha256(data).hexdigest(),
        source,
        url,
        file,
        stored,
        content_type,
        len(data),
        modified_ns=info.st_mtime_ns,
    )


def _files_below(directory: Path, settings: Settings) -> list[tuple[str, str, str]]:
    """(path, stored path, name) of every non-directory entry below, FIFOs and devices included
    (they become rows); dotfiles skipped. Strings, not pathlib, and the stored path made once per
    folder: at 100,000 files, pathlib's objects were most of a no-change scan."""
    found: list[tuple[str, str, str]] = []
    for root, folders, files in os.walk(directory):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        stored_base = _relative(Path(root), settings)
        prefix = "" if stored_base == "." else stored_base + "/"
        found.extend(
            (os.path.join(root, name), prefix + display_path(name), name)
            for name in sorted(files)
            if not name.startswith(".")
        )
    return found


@functools.lru_cache(maxsize=256)
def _guessed_type(suffixes: str) -> str:
    """The content type of a file name's suffixes (all of them: .txt.gz is not .gz), asked once per
    suffix rather than once per file."""
    return mimetypes.guess_type("document" + suffixes)[0] or "text/plain"


def local_documents(settings: Settings, folders: Iterable[str], index: FileIndex | None = None) -> list[DocumentRef]:
    """Every file below the folders, once per distinct content; unusable files as failed refs.

    A file whose suffix is not a supported format is recorded as `unsupported` rather than
    dropped silently; dotfiles (.gitkeep, editor swap files) are not documents and are skipped.
    """
    found: dict[str, DocumentRef] = {}
    for folder in folders:
        directory = _resolve_dir(settings, folder)
        if not directory.is_dir():
            continue
        for file, stored, name in _files_below(directory, settings):
            dot = name.find(".")
            content_type = _guessed_type(name[dot:] if dot > 0 else "")
            suffix = "" if name.endswith(".") else os.path.splitext(name)[1]  # as pathlib's suffix
            if suffix.lower() not in SUPPORTED_SUFFIXES:
                size = os.lstat(file).st_size
                ref = DocumentRef(
                    _unread_id(file, size),
                    f"local:{folder}",
                    None,
                    file,
                    stored,
                    content_type,
                    size,
                    Outcome("unsupported", reason=f"unsupported file type “{suffix or 'none'}”; not read"),
                )
            else:
                ref = _ref_for(file, f"local:{folder}", None, content_type, settings, index, stored)
            found.setdefault(ref.document_id, ref)
    return list(found.values())


def scraped_documents(
    settings: Settings, stored: Iterable[StoredDocument], index: FileIndex | None = None
) -> list[DocumentRef]:
    """Documents the crawler stored this run, with the URL they came from."""
    refs = []
    for document in stored:
        content_type = (
            (document.content_type or "").split(";")[0] or mimetypes.guess_type(document.path.name)[0] or "text/html"
        )
        refs.append(_ref_for(str(document.path), document.source, document.url, content_type, settings, index))
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


def published_known_pages(settings: Settings) -> dict[str, str]:
    """`known_pages` of the published warehouse, read-only (crawls in parallel may all read it)."""
    if not settings.published_path.exists():
        return {}
    with duckdb.connect(str(settings.published_path), read_only=True) as connection:
        return known_pages(connection)


def file_index(connection: duckdb.DuckDBPyConnection) -> FileIndex:
    """What the last scan read: its files' sizes, times and document ids (empty before any run)."""
    if not _has_table(connection, "files"):
        return {}
    rows = connection.execute("SELECT stored_path, size_bytes, modified_ns, document_id FROM raw.files").fetchall()
    return {path: (size, modified, document_id) for path, size, modified, document_id in rows}


def _has_table(connection: duckdb.DuckDBPyConnection, table: str) -> bool:
    row = connection.execute(
        # A literal, not a parameter: DuckDB imports pandas (0.4 s) for a statement's first parameters,
        # and a run that finds nothing new reads only these few tables.
        f"SELECT count(*) FROM information_schema.tables WHERE table_schema = 'raw' AND table_name = {literal(table)}"
    ).fetchone()
    return bool(row and row[0])


def pending_documents(connection: duckdb.DuckDBPyConnection, refs: list[DocumentRef]) -> list[DocumentRef]:
    """Documents never parsed, or parsed by another parser version (the connection may be read-only)."""
    if not _has_table(connection, "documents"):
        return list(refs)
    current = {
        row[0]
        for row in connection.execute(
            f"SELECT document_id FROM raw.documents WHERE parser_version = {literal(PARSER_VERSION)}"
        ).fetchall()
    }
    return [ref for ref in refs if ref.document_id not in current]


def scan(
    settings: Settings, sources: SourcesConfig, crawled: Iterable[Iterable[StoredDocument]] = ()
) -> list[DocumentRef]:
    """Every document of the local folders and of this run's crawl. Files the published
    warehouse's scan index knows, unchanged in size and time, are not read again."""
    index: FileIndex = {}
    if settings.published_path.exists():
        with duckdb.connect(str(settings.published_path), read_only=True) as connection:
            index = file_index(connection)
    refs = local_documents(settings, sources.local_dirs, index)
    refs += scraped_documents(settings, [document for documents in crawled for document in documents], index)
    return refs


def pending_against_published(settings: Settings, refs: list[DocumentRef]) -> tuple[list[DocumentRef], bool]:
    """(documents the published warehouse lacks for this parser, whether what is published is up to
    date: the marts are this code's, their Parquet set is of this build, as a run that died while
    publishing and a warehouse published before the Parquet export or its build record leave it
    otherwise, and a DuckLake catalog, if one is used, holds this build)."""
    if not settings.published_path.exists():
        return list(refs), False
    with duckdb.connect(str(settings.published_path), read_only=True) as connection:
        pending = pending_documents(connection, refs)
        published = build_state(connection)
    up_to_date = (
        built_by_this_code(published)
        and parquet_set_is_published(settings, published)
        and catalog_is_current(settings, published)
    )
    return pending, up_to_date


# Documents parsed and loaded together: one batch's rows are all this process holds at a time.
BATCH_DOCUMENTS = 256
LOAD_CHECKPOINT_THRESHOLD = "4GB"


@dataclass
class IngestReport:
    """What an ingest did: documents parsed and failed, rows written per table, and where the time went
    (`parse_seconds` is time spent waiting for the workers, `load_seconds` time spent writing)."""

    documents: int = 0
    failed: int = 0
    written: dict[str, int] = field(default_factory=dict)
    parse_seconds: float = 0.0
    load_seconds: float = 0.0
    parsed_ahead: int = 0  # of `documents`, those whose outcome a crawl partition had parsed


def _parsed(ref: DocumentRef, outcome: Outcome) -> ParsedDocument:
    """The document's row with its notice as rows: the workers send rows; a notice from the parse
    cache is turned into rows here."""
    now = utc_now()
    return ParsedDocument(
        ref.document_id, ref.source, ref.url, ref.stored_path, ref.content_type, ref.size_bytes,
        now, PARSER_VERSION, now, outcome.as_rows().rows, outcome.reason, outcome.status,
    )  # fmt: skip


def parsed_documents(
    refs: list[DocumentRef], limits: Limits, raw_dir: Path | None = None, on_ahead: Callable[[], None] | None = None
) -> Iterator[ParsedDocument]:
    """Each document parsed within the limits, in order; a failure is a row with its one-line reason.

    With `raw_dir`, an outcome a crawl partition kept for a document (parse_cache) is read when its
    turn comes (`on_ahead` is called for each) instead of parsing the document again; one that
    turns out unreadable is parsed after all."""
    kept = {
        r.document_id
        for r in refs
        if raw_dir is not None and r.failure is None and parse_cache.is_kept(raw_dir, r.document_id)
    }
    outcomes = parse_bounded(
        ((r.path, r.content_type) for r in refs if r.failure is None and r.document_id not in kept),
        limits,
        as_rows=True,
    )
    for ref in refs:
        if ref.failure is not None:
            yield _parsed(ref, ref.failure)
            continue
        if ref.document_id in kept:
            assert raw_dir is not None
            outcome = parse_cache.take(raw_dir, ref.document_id)
            if outcome is None:
                [(_, outcome)] = parse_bounded([(ref.path, ref.content_type)], limits, as_rows=True)
            elif on_ahead is not None:
                on_ahead()
            yield _parsed(ref, outcome)
            continue
        path, outcome = next(outcomes)
        assert path == ref.path, "parse_bounded yields in the order it was given"
        yield _parsed(ref, outcome)


def parse_ahead(settings: Settings, stored: Iterable[StoredDocument]) -> int:
    """Parse what a crawl stored and keep the outcomes for the build (parse_cache): the documents
    the published warehouse lacks for this parser and that no earlier partition parsed. The
    number parsed."""
    refs = [ref for ref in scraped_documents(settings, stored) if ref.failure is None]
    if settings.published_path.exists():
        with duckdb.connect(str(settings.published_path), read_only=True) as connection:
            refs = pending_documents(connection, refs)
    refs = [ref for ref in refs if not parse_cache.is_kept(settings.raw_dir, ref.document_id)]
    unique = list({ref.document_id: ref for ref in refs}.values())  # one page stored under two URLs
    outcomes = parse_bounded(((ref.path, ref.content_type) for ref in unique), settings.limits)
    for ref, (_, outcome) in zip(unique, outcomes, strict=True):
        parse_cache.store(settings.raw_dir, ref.document_id, outcome)
    return len(unique)


def ingest_documents(
    connection: duckdb.DuckDBPyConnection,
    pending: list[DocumentRef],
    limits: Limits,
    scanned: Iterable[DocumentRef] = (),
    fetches: Iterable[FetchRecord] = (),
    on_progress: Callable[[int], None] | None = None,
    raw_dir: Path | None = None,
) -> IngestReport:
    """Parse the pending documents and load them in batches of BATCH_DOCUMENTS, so memory stays
    bounded however many there are; then record the scan (`raw.files`) and the crawl's fetches.
    Everything goes into `connection`'s file, which the caller publishes only when all is done.

    With `raw_dir`, outcomes the crawl partitions parsed ahead are loaded instead of parsing those
    documents again, and their files are deleted once loaded."""
    report = IngestReport()
    started = time.perf_counter()
    # One checkpoint when the connection closes rather than one per batch (DuckDB checkpoints once
    # the write-ahead log passes 16 MB, a few batches of notices): half the loading time.
    connection.execute(f"SET checkpoint_threshold = '{LOAD_CHECKPOINT_THRESHOLD}'")
    batch: list[ParsedDocument] = []

    def load(frames: dict[str, pl.DataFrame]) -> None:
        loading = time.perf_counter()
        for table, rows in replace_rows(connection, frames).items():
            report.written[table] = report.written.get(table, 0) + rows
        report.load_seconds += time.perf_counter() - loading

    def taken_ahead() -> None:
        report.parsed_ahead += 1

    for document in parsed_documents(pending, limits, raw_dir, taken_ahead):
        batch.append(document)
        report.documents += 1
        report.failed += document.rows is None
        if len(batch) == BATCH_DOCUMENTS:
            load(to_frames(drop_known_notices(connection, batch)))
            batch = []
        if on_progress is not None:
            on_progress(report.documents)
    if batch:
        load(to_frames(drop_known_notices(connection, batch)))
    index_rows = [
        {"stored_path": r.stored_path, "size_bytes": r.size_bytes, "modified_ns": r.modified_ns,
         "document_id": r.document_id}
        for r in scanned if r.failure is None and r.modified_ns
    ]  # fmt: skip
    connection.execute("DELETE FROM raw.files")  # the index is the last scan's, not every scan's
    extra = {"files": table_frame("files", index_rows)}
    fetch_rows = [record.__dict__ for record in fetches]
    if fetch_rows:
        extra["fetch_log"] = table_frame("fetch_log", fetch_rows)
    load(extra)
    if raw_dir is not None:
        parse_cache.forget(raw_dir, (ref.document_id for ref in pending))
    report.parse_seconds = time.perf_counter() - started - report.load_seconds
    return report


def drop_known_notices(connection: duckdb.DuckDBPyConnection, parsed: list[ParsedDocument]) -> list[ParsedDocument]:
    """Keep the document rows, but not a second copy of a notice another document already gave."""
    ids = pl.DataFrame({"notice_id": [d.rows.notice_id for d in parsed if d.rows is not None]},
                       schema={"notice_id": pl.String})  # fmt: skip
    connection.register("batch_notices", ids.to_arrow())
    known = dict(
        connection.execute(
            "SELECT notice_id, document_id FROM raw.notices WHERE parser_version = ? "
            "AND notice_id IN (SELECT notice_id FROM batch_notices)",
            [PARSER_VERSION],
        ).fetchall()
    )
    connection.unregister("batch_notices")
    kept = []
    for doc in parsed:
        if doc.rows is not None and known.get(doc.rows.notice_id, doc.document_id) != doc.document_id:
            kept.append(ParsedDocument(**{**doc.__dict__, "rows": None, "error": None}))
        else:
            kept.append(doc)
    return kept
