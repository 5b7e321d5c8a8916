"""Documents parsed ahead of the build: what a crawl partition parsed, for the build to load.

A partition of `crawled_source` runs in its own process and must not open the build file (it has
one writer), but it can parse what it crawled while other sources are still being crawled. It
writes each outcome to `raw/parsed/<parser version>/<document id>.json`; the build's ingest takes
an outcome from there instead of parsing the document again, and deletes the files it loaded.

- **Keyed by content and parser.** The document id is the SHA-256 of the bytes and the folder is
  the parser version, so an outcome is only ever used for the very bytes and code it came from;
  folders of other parser versions are removed by the next build.
- **Only the parser's verdicts** (`parsed`, `not_notice`) are kept. A timeout or a dead worker
  depends on how busy the machine was, so such a document is parsed again by the build, which
  records its failure if it fails there too.
- **JSON, not pickle**: the notice is a pydantic model; a file that does not validate (cut short,
  edited, from a model of another shape) is ignored and the document parsed again.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError

from .documents import Outcome
from .files import write_atomically
from .parse import PARSER_VERSION
from .parse.model import Notice

CACHE_DIR = "parsed"
CACHED_STATUSES = frozenset({"parsed", "not_notice"})


def cache_dir(raw_dir: Path) -> Path:
    return raw_dir / CACHE_DIR / PARSER_VERSION


def _entry(raw_dir: Path, document_id: str) -> Path:
    return cache_dir(raw_dir) / f"{document_id}.json"


def store(raw_dir: Path, document_id: str, outcome: Outcome) -> bool:
    """Keep a parser's verdict on a document (written whole, then renamed); whether it was kept."""
    if outcome.status not in CACHED_STATUSES:
        return False
    body = {
        "status": outcome.status,
        "reason": outcome.reason,
        "notice": outcome.notice.model_dump(mode="json") if outcome.notice else None,
    }
    write_atomically(_entry(raw_dir, document_id), json.dumps(body, ensure_ascii=False).encode())
    return True


def take(raw_dir: Path, document_id: str) -> Outcome | None:
    """The outcome kept for this document by this parser version, or None (none kept, or unusable)."""
    path = _entry(raw_dir, document_id)
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
        notice = Notice.model_validate(body["notice"]) if body["notice"] is not None else None
        status = body["status"]
    except (OSError, ValueError, KeyError, TypeError, ValidationError):
        return None
    if status not in CACHED_STATUSES:
        return None
    return Outcome(status, notice, body["reason"])


def is_kept(raw_dir: Path, document_id: str) -> bool:
    return _entry(raw_dir, document_id).is_file()


def forget(raw_dir: Path, document_ids: Iterable[str]) -> None:
    """Delete the outcomes that were loaded, and the folders of other parser versions."""
    if cache_dir(raw_dir).is_dir():  # without partitions there is none: no unlink per document
        for document_id in document_ids:
            _entry(raw_dir, document_id).unlink(missing_ok=True)
    versions = raw_dir / CACHE_DIR
    if versions.is_dir():
        for folder in versions.iterdir():
            if folder.name != PARSER_VERSION:
                shutil.rmtree(folder, ignore_errors=True)
