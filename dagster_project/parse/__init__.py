"""Bytes → facts. Pure functions: no Dagster, DuckDB or network imports in this package.

`parse_document` is the one entry point the CLI, the Dagster assets and the benchmarks share.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from .model import Notice

if TYPE_CHECKING:
    from .notice import parse_text

# Characters of extracted text read at most: 20 times the longest real notice seen (~50,000), so a
# document that is mostly something else (a log, a dump under the size cap) costs seconds, not minutes.
MAX_TEXT_CHARS = 1_000_000


def source_version(folder: Path) -> str:
    """A hash of the parser's source files: any change to the parser re-parses stored documents
    (without fetching them again), with no version to bump by hand."""
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return "src-" + digest.hexdigest()[:12]


# Stored with every parsed row: a new version re-parses stored documents without fetching again.
PARSER_VERSION = source_version(Path(__file__).parent)


class ParseError(ValueError):
    """A document that cannot be parsed; the message is one line, fit for users."""


def parse_document(data: bytes, name: str = "", content_type: str | None = None) -> Notice:
    from .extract import ExtractError, extract_text  # see __getattr__
    from .notice import parse_text

    try:
        extracted = extract_text(data, name, content_type)
    except ExtractError as error:
        raise ParseError(str(error)) from None
    text = extracted.text
    if not text.strip():
        raise ParseError("no text in the document")
    missing_header = [line for line in extracted.header if line not in text]
    if missing_header:
        text = "\n".join(missing_header) + "\n" + text
    cut = len(text) > MAX_TEXT_CHARS
    notice = parse_text(text[:MAX_TEXT_CHARS], extracted.page_title, extracted.published_date)
    if cut:
        notice.warnings.append(f"text cut at {MAX_TEXT_CHARS:,} of {len(text):,} characters")
    return notice


def __getattr__(name: str) -> object:
    """`parse_text`, imported when first asked for. The parser proper (extraction, the notice's
    grammar, dates and numerals) is imported where documents are parsed: the parsing workers
    (workers.PRELOADED), `parse_document`, the tests. What imports only the model (the loader,
    `notices run`'s process, whose workers do the parsing) does not pay for it: 0.2-0.3 s of every
    run, the no-change night's too."""
    if name == "parse_text":
        from .notice import parse_text

        return parse_text
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["PARSER_VERSION", "Notice", "ParseError", "parse_document", "parse_text"]
