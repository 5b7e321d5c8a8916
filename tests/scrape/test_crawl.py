"""The crawler against a real HTTP server on 127.0.0.1 (pytest-httpserver): a small government site."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from conftest import SAMPLES
from dagster_project.scrape.crawl import CrawlReport, SourceCrawler
from dagster_project.scrape.fetch import PoliteClient
from dagster_project.sources import CrawlSettings, WebSource

SETTINGS = CrawlSettings(min_delay_seconds=0.0, timeout_seconds=0.5, retries=2, backoff_seconds=0.05)

# A minimal PDF with one line of text, enough to be a real attachment the store keeps unchanged.
PDF = b"""%PDF-1.4
1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj
2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj
3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 100]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj
4 0 obj<</Length 44>>stream
BT /F1 12 Tf 10 50 Td (Rectification notice) Tj ET
endstream endobj
5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj
trailer<</Root 1 0 R>>
%%EOF
"""


def page(title: str, body: str, charset: str = "utf-8") -> bytes:
    html = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
            f"<title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>")
    return html.encode("gb18030" if charset == "gb2312" else charset)


def listing(links: list[tuple[str, str]], charset: str = "utf-8", extra: str = "") -> bytes:
    items = "".join(f'<li><a href="{href}">{text}</a></li>' for href, text in links)
    return page("巡视巡察", f"<ul>{items}</ul>{extra}", charset)


@pytest.fixture(scope="session")
def httpserver_listen_address() -> tuple[str, int]:
    return ("127.0.0.1", 0)


@pytest.fixture()
def site(httpserver: HTTPServer) -> HTTPServer:
    notice_text = (SAMPLES / "003_62a7f6b933f753fb.txt").read_text(encoding="utf-8")
    paragraphs = "".join(f"<p>{line}</p>" for line in notice_text.split("\n") if line.strip())
    calls = {"flaky": 0}

    def flaky(_request: Request) -> Response:
        calls["flaky"] += 1
        if calls["flaky"] <= 2:
            return Response("busy", status=500)
        return Response(page("关于巡察整改进展情况的通报（二）", paragraphs), content_type="text/html; charset=utf-8")

    def slow(_request: Request) -> Response:
        time.sleep(1.0)
        return Response("too late", content_type="text/html")

    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /private/\n")
    httpserver.expect_request("/xcgz/index.html").respond_with_data(listing([
        ("/a/notice.html", "汨罗高新区党工委关于巡察整改进展情况的通报"),
        ("/private/draft.html", "巡察整改内部稿"),
        ("/a/missing.html", "关于巡察整改情况的通报（已删除）"),
        ("/a/flaky.html", "关于巡察整改进展情况的通报（二）"),
        ("/a/slow.html", "巡察整改情况通报（慢）"),
        ("/a/old.html", "巡察整改情况公告（迁移）"),
        ("/a/other.html", "市委召开常委会议"),
        ("index_1.html", "下一页"),
    ]), content_type="text/html; charset=utf-8")
    httpserver.expect_request("/xcgz/index_1.html").respond_with_data(listing([
        ("/a/start.html", "省委巡视组进驻并部署整改工作（朱镕、王喆出席）"),
        ("/a/attached.html", "关于巡察整改进展情况的通报（附件）"),
    ], charset="gb2312"), content_type="text/html; charset=gb2312")
    httpserver.expect_request("/a/notice.html").respond_with_data(
        page("中共湖南汨罗高新技术产业开发区工作委员会关于巡察整改进展情况的通报", paragraphs),
        content_type="text/html; charset=utf-8")
    httpserver.expect_request("/a/missing.html").respond_with_data("gone", status=404)
    httpserver.expect_request("/a/flaky.html").respond_with_handler(flaky)
    httpserver.expect_request("/a/slow.html").respond_with_handler(slow)
    httpserver.expect_request("/a/old.html").respond_with_data("", status=301, headers={"Location": "/a/new.html"})
    httpserver.expect_request("/a/new.html").respond_with_data(
        page("巡察整改情况公告", paragraphs), content_type="text/html; charset=utf-8")
    httpserver.expect_request("/a/start.html").respond_with_data(
        page("省委巡视组进驻", "<p>根据省委统一部署，省委第二巡视组进驻开展常规巡视，并召开动员会。</p>", "gb2312"),
        content_type="text/html; charset=gb2312")
    httpserver.expect_request("/a/attached.html").respond_with_data(
        page("关于巡察整改进展情况的通报", '<p>详见附件：<a href="/files/notice.pdf">整改通报.pdf</a></p>'),
        content_type="text/html; charset=utf-8")
    httpserver.expect_request("/files/notice.pdf").respond_with_data(PDF, content_type="application/pdf")
    return httpserver


def crawl(site: HTTPServer, data_dir: Path, known: dict[str, str]) -> CrawlReport:
    source = WebSource(name="fixture", start_urls=[site.url_for("/xcgz/index.html")], title_keywords=["整改"],
                       max_list_pages=5)
    client = PoliteClient(SETTINGS)
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
