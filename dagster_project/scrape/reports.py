"""A source's crawl report as a file, `<data dir>/raw/crawls/<source>.json`, and what it says.

The crawl of each source (one partition of `crawled_source`, or one turn of `scraped_pages`)
writes its report there, atomically (a temporary file, then `os.replace`), so that the single
writer of the build file can load every source's fetch rows and documents after parallel crawls
that never touch the build file themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from urllib.parse import quote

from pydantic import TypeAdapter

from ..files import write_atomically
from ..settings import Settings
from ..sources import WebSource
from .crawl import CrawlReport, SourceCrawler
from .fetch import PoliteClient

CRAWLS_FOLDER = "crawls"
_REPORT = TypeAdapter(CrawlReport)


def report_path(raw_dir: Path, source: str) -> Path:
    """The file of a source: its name percent-encoded, so any name is one file name of its own."""
    return raw_dir / CRAWLS_FOLDER / f"{quote(source, safe='')}.json"


def save_report(raw_dir: Path, report: CrawlReport) -> Path:
    path = report_path(raw_dir, report.source)
    write_atomically(path, _REPORT.dump_json(report))
    return path


def load_report(raw_dir: Path, source: str) -> CrawlReport | None:
    """The source's last saved report; None when it was never crawled."""
    path = report_path(raw_dir, source)
    return _REPORT.validate_json(path.read_bytes()) if path.exists() else None


def crawl_source(
    source: WebSource,
    client: PoliteClient,
    settings: Settings,
    known: Mapping[str, str],
    on_progress: Callable[[str], None] | None = None,
) -> CrawlReport:
    """Crawl one source, storing its pages below raw/pages/, and save its report."""
    report = SourceCrawler(source, client, settings.pages_dir, settings.data_dir, known, on_progress).run()
    save_report(settings.raw_dir, report)
    return report


def crawl_failure(report: CrawlReport) -> str | None:
    """Why nothing could be crawled (no list page read: the site is down, refuses us, or errs), or None.

    A source with a list page read did its night's work, whatever became of single articles."""
    lists = [f for f in report.fetches if f.kind == "list"]
    if not lists or any(f.outcome in ("new", "unchanged") for f in lists):
        return None
    first = lists[0]
    return f"no list page could be read: {first.error or first.outcome} at {first.url}"


def source_counts(report: CrawlReport) -> dict[str, int]:
    """The counts each source's crawl is summarised by, in the log and the asset metadata."""
    return {
        "listed": report.count("new", "unchanged", kind="list"),
        "fetched": report.count("new", "unchanged"),
        "new": report.count("new"),
        "unchanged": report.count("unchanged", "skipped_known"),
        "failed": report.count("failed", "robots_forbidden"),
    }
