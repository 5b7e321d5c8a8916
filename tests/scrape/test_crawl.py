"""The crawler against a real HTTP server on 127.0.0.1 (pytest-httpserver): a small government site."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from dagster_project.scrape.crawl import CrawlReport, SourceCrawler
from dagster_project.scrape.fetch import PoliteClient
from dagster_project.sources import CrawlSettings, WebSource

from .conftest import PDF

pytestmark = pytest.mark.integration  # runs the pipeline, a loopback site or a subprocess

SETTINGS = CrawlSettings(min_delay_seconds=0.0, timeout_seconds=0.5, retries=2, backoff_seconds=0.05)


def crawl(site: HTTPServer, data_dir: Path, known: dict[str, str]) -> CrawlReport:
    source = WebSource(
        name="fixture", start_urls=[site.url_for("/xcgz/index.html")], title_keywords=["整改"], max_list_pages=5
    )
    client = PoliteClient(SETTINGS, data_dir / "raw" / "hosts")
    try:
        return SourceCrawler(source, client, data_dir / "raw" / "pages", data_dir, known).run()
    finally:
        client.close()


def requested(site: HTTPServer) -> list[str]:
    return [request.path for request, _ in site.log]


def outcome_of(report: CrawlReport, path: str) -> str:
    return next(f.outcome for f in report.fetches if f.url.endswith(path))


def test_crawl_fetches_stores_and_records_everything(site: HTTPServer, tmp_path: Path) -> None:
    report = crawl(site, tmp_path, {})
    paths = requested(site)
    assert "/private/draft.html" not in paths and "/a/other.html" not in paths
    assert paths.count("/robots.txt") == 1
    assert paths.count("/a/missing.html") == 1  # 4xx: no retry
    assert paths.count("/a/flaky.html") == 3  # 500, 500, then 200
    assert paths.count("/a/slow.html") == 3  # timed out on every try
    assert outcome_of(report, "/private/draft.html") == "robots_forbidden"
    assert outcome_of(report, "/a/missing.html") == "failed"
    assert next(f for f in report.fetches if f.url.endswith("/a/missing.html")).http_status == 404
    assert "timed out" in next(f.error for f in report.fetches if f.url.endswith("/a/slow.html"))
    assert outcome_of(report, "/a/flaky.html") == "new"
    redirected = next(f for f in report.fetches if f.url.endswith("/a/old.html"))
    assert redirected.final_url.endswith("/a/new.html") and redirected.outcome == "new"
    gbk_list = next(f for f in report.fetches if f.url.endswith("/xcgz/index_1.html"))
    assert gbk_list.encoding == "gb18030"  # declared gb2312, with 镕 and 喆 outside it
    assert outcome_of(report, "/files/notice.pdf") == "new"  # the page itself has no notice body
    stored = {Path(f.stored_path).name for f in report.fetches if f.stored_path}
    on_disk = {p.name for p in (tmp_path / "raw" / "pages").rglob("*") if p.is_file()}
    assert stored == on_disk
    pdf_row = next(f for f in report.fetches if f.url.endswith(".pdf"))
    assert (tmp_path / pdf_row.stored_path).read_bytes() == PDF
    document_urls = sorted(d.url.rsplit("/", 1)[1] for d in report.documents)
    assert document_urls == ["attached.html", "flaky.html", "new.html", "notice.html", "notice.pdf", "start.html"]


def test_second_run_fetches_no_stored_article_again(site: HTTPServer, tmp_path: Path) -> None:
    first = crawl(site, tmp_path, {})
    known = {f.url: f.sha256 for f in first.fetches if f.kind in ("article", "attachment") and f.sha256}
    site.clear_log()
    second = crawl(site, tmp_path, known)
    again = requested(site)
    assert "/xcgz/index.html" in again and "/xcgz/index_1.html" in again  # list pages are always re-read
    for path in ("/a/notice.html", "/a/flaky.html", "/a/old.html", "/a/start.html", "/a/attached.html"):
        assert path not in again
        assert outcome_of(second, path) == "skipped_known"
    assert "/files/notice.pdf" not in again
    assert second.documents == []
