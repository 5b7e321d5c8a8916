"""Reading and parsing documents within bounds: one bad document is a row, never a stopped run.

Every document is read through `read_bounded` (regular files only, at most `max_bytes`) and parsed
in a worker process (`parse_bounded`) with a wall-clock timeout and a memory ceiling, so that an
endless stream, a huge file, a regex that backtracks or a crash in a parsing library costs one
document, not the night. Whatever goes wrong becomes an `Outcome` with a status and a one-line
reason, which the loader writes to `raw.documents`.

The workers come from `workers.worker_context` (a forkserver).
"""

from __future__ import annotations

import logging
import os
import resource
import stat
from collections.abc import Iterable, Iterator
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pebble import ProcessExpired, ProcessPool

from .load.rows import NoticeRows, notice_rows
from .parse import Notice, ParseError, parse_document
from .workers import scheduled_ahead, usable_cores, worker_context

# 20 MB holds the longest real notice with its page many times over (the samples are 10–30 KB).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# A 20 MB text parses in a few seconds here; a document still busy after this is stuck.
DEFAULT_TIMEOUT_SECONDS = 30.0
# Address space of one parsing worker: far above what a 20 MB document needs, far below the machine.
WORKER_MEMORY_BYTES = 3 * 1024**3

# What became of a document, as `raw.documents.parse_status` records it.
Status = Literal[
    "parsed",
    "not_notice",
    "failed",
    "too_large",
    "not_regular",
    "unreadable",
    "unsupported",
    "timeout",
]


@dataclass(frozen=True)
class Limits:
    """Bounds on the work spent on one document."""

    max_bytes: int = DEFAULT_MAX_BYTES
    timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS
    workers: int = 0  # 0: one per core this process may use

    def pool_size(self) -> int:
        return self.workers or usable_cores()


class DocumentFailure(Exception):
    """A document that cannot be read or parsed: `status` for the table, `reason` in one line."""

    def __init__(self, status: Status, reason: str) -> None:
        super().__init__(reason)
        self.status: Status = status
        self.reason = reason


@dataclass(frozen=True)
class Outcome:
    status: Status
    notice: Notice | None = None
    reason: str | None = None
    # The notice as the raw tables' rows, in place of `notice`, when asked of `parse_bounded`.
    rows: NoticeRows | None = None

    def as_rows(self) -> Outcome:
        """The same outcome with its notice as rows (`rows.notice_rows`); itself when it holds no notice."""
        if self.notice is None:
            return self
        return Outcome(self.status, None, self.reason, notice_rows(self.notice))


def display_path(path: Path | str) -> str:
    """A file name as text, losslessly. A name that is not UTF-8 (GBK names from Windows disks) has
    every non-ASCII byte written as \\xNN: decoding it partly would show look-alike letters (Ѳ)."""
    raw = os.fsencode(path)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("ascii", "backslashreplace")


def check_regular(path: Path | str, max_bytes: int) -> os.stat_result:
    """The file's status (size, time); raises DocumentFailure for FIFOs, devices, sockets and files
    over the cap."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise DocumentFailure("unreadable", "no such file") from None
    except OSError as error:
        raise DocumentFailure("unreadable", f"cannot read: {error.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise DocumentFailure("not_regular", "is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise DocumentFailure("not_regular", "not a regular file (FIFO, device or socket); not read")
    if info.st_size > max_bytes:
        raise DocumentFailure("too_large", f"{info.st_size:,} bytes, over the {max_bytes:,}-byte limit; not read")
    return info


def read_bounded(path: Path | str, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most `max_bytes`; a file that grows past it is too large."""
    check_regular(path, max_bytes)
    try:
        # O_NONBLOCK: should the path have become a FIFO since the check, opening it cannot hang.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(descriptor, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise DocumentFailure("unreadable", f"cannot read: {error.strerror}") from None
    if len(data) > max_bytes:
        raise DocumentFailure("too_large", f"more than {max_bytes:,} bytes; not read further")
    return data


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text}"[:300]


def parse_path(path: Path, content_type: str | None, max_bytes: int) -> Outcome:
    """Read and parse one document; every failure is an Outcome, nothing escapes."""
    try:
        notice = parse_document(read_bounded(path, max_bytes), path.name, content_type)
    except DocumentFailure as failure:
        return Outcome(failure.status, reason=failure.reason)
    except ParseError as error:
        return Outcome("failed", reason=str(error))
    except MemoryError:
        return Outcome("failed", reason="parser ran out of memory on this document")
    except Exception as error:  # noqa: BLE001 - a parser bug on one document must not stop the run
        return Outcome("failed", reason=f"parser error: {_one_line(error)}")
    return Outcome("parsed" if notice.is_rectification_notice else "not_notice", notice)


def _init_worker() -> None:
    """A memory ceiling, and silence for libraries' own log lines (pdfminer's warnings):
    the document's outcome carries the one-line reason."""
    logging.getLogger().addHandler(logging.NullHandler())
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    ceiling = WORKER_MEMORY_BYTES if hard == resource.RLIM_INFINITY else min(WORKER_MEMORY_BYTES, hard)
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))


# Documents per task: one task per document costs more in inter-process traffic than a notice
# takes to parse (3 ms); 16 amortise it. A chunk that fails as a whole (a stuck or crashing
# document) is parsed again one document at a time, so the per-document bound still holds.
CHUNK_DOCUMENTS = 16
# Chunks queued ahead per worker: enough to keep every worker busy, few enough that finished
# results never pile up in memory while the caller is loading a batch.
CHUNKS_AHEAD_PER_WORKER = 16

Job = tuple[Path, str | None]


def _parse_chunk(jobs: list[Job], max_bytes: int, as_rows: bool) -> list[Outcome]:
    outcomes = [parse_path(path, content_type, max_bytes) for path, content_type in jobs]
    return [outcome.as_rows() for outcome in outcomes] if as_rows else outcomes


def _failure(error: BaseException, limits: Limits) -> Outcome:
    if isinstance(error, FutureTimeout):
        return Outcome("timeout", reason=f"parsing took longer than {limits.timeout_seconds:g} s; stopped")
    if isinstance(error, ProcessExpired):
        return Outcome("failed", reason=f"parsing worker died (exit code {error.exitcode})")
    return Outcome("failed", reason=f"parser error: {_one_line(error)}")  # e.g. a result that cannot be sent back


def parse_bounded(jobs: Iterable[Job], limits: Limits, as_rows: bool = False) -> Iterator[tuple[Path, Outcome]]:
    """(path, outcome) for each (path, content type), in order, each within the limits. With
    `as_rows`, each notice comes as its raw tables' rows (`Outcome.rows`), made in the worker.

    Lazy and bounded: at most CHUNKS_AHEAD_PER_WORKER chunks per worker are in flight, so the
    caller can load results in batches while the workers go on."""
    jobs = list(jobs)
    if not jobs:
        return
    chunks = [jobs[i : i + CHUNK_DOCUMENTS] for i in range(0, len(jobs), CHUNK_DOCUMENTS)]
    workers = min(limits.pool_size(), len(chunks))
    with ProcessPool(max_workers=workers, initializer=_init_worker, context=worker_context()) as pool:

        def schedule(chunk: list[Job]) -> Any:
            return pool.schedule(_parse_chunk, args=(chunk, limits.max_bytes, as_rows), timeout=limits.timeout_seconds)

        for chunk, future in scheduled_ahead(schedule, chunks, workers * CHUNKS_AHEAD_PER_WORKER):
            try:
                outcomes = future.result()
            except Exception:  # noqa: BLE001 - which document failed is found by parsing each alone
                outcomes = []
                for job in chunk:
                    try:
                        [outcome] = schedule([job]).result()
                    except Exception as error:  # noqa: BLE001 - this document's own failure
                        outcome = _failure(error, limits)
                    outcomes.append(outcome)
            for (path, _), outcome in zip(chunk, outcomes):
                yield path, outcome
