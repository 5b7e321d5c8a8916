"""A small government site on 127.0.0.1 for the crawler: lists, notices, failures, a PDF."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

SAMPLES = Path(__file__).resolve().parents[2] / "raw" / "samples"


def make_pdf(text: str) -> bytes:
    """A real one-page PDF (made by reportlab) showing one line of ASCII text."""
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(300, 100))
    page.drawString(10, 50, text)
    page.save()
    return buffer.getvalue()


PDF = make_pdf("Rectification notice attachment")


def page(title: str, body: str, charset: str = "utf-8") -> bytes:
    html = (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        f"<title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>"
    )
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
    httpserver.expect_request("/xcgz/index.html").respond_with_data(
        listing(
            [
                ("/a/notice.html", "汨罗高新区党工委关于巡察整改进展情况的通报"),
                ("/private/draft.html", "巡察整改内部稿"),
                ("/a/missing.html", "关于巡察整改情况的通报（已删除）"),
                ("/a/flaky.html", "关于巡察整改进展情况的通报（二）"),
                ("/a/slow.html", "巡察整改情况通报（慢）"),
                ("/a/old.html", "巡察整改情况公告（迁移）"),
                ("/a/other.html", "市委召开常委会议"),
                ("index_1.html", "下一页"),
            ]
        ),
        content_type="text/html; charset=utf-8",
    )
    httpserver.expect_request("/xcgz/index_1.html").respond_with_data(
        listing(
            [
                ("/a/start.html", "省委巡视组进驻并部署整改工作（朱镕、王喆出席）"),
                ("/a/attached.html", "关于巡察整改进展情况的通报（附件）"),
            ],
            charset="gb2312",
        ),
        content_type="text/html; charset=gb2312",
    )
    httpserver.expect_request("/a/notice.html").respond_with_data(
        page("中共湖南汨罗高新技术产业开发区工作委员会关于巡察整改进展情况的通报", paragraphs),
        content_type="text/html; charset=utf-8",
    )
    httpserver.expect_request("/a/missing.html").respond_with_data("gone", status=404)
    httpserver.expect_request("/a/flaky.html").respond_with_handler(flaky)
    httpserver.expect_request("/a/slow.html").respond_with_handler(slow)
    httpserver.expect_request("/a/old.html").respond_with_data("", status=301, headers={"Location": "/a/new.html"})
    httpserver.expect_request("/a/new.html").respond_with_data(
        page("巡察整改情况公告", paragraphs), content_type="text/html; charset=utf-8"
    )
    httpserver.expect_request("/a/start.html").respond_with_data(
        page("省委巡视组进驻", "<p>根据省委统一部署，省委第二巡视组进驻开展常规巡视，并召开动员会。</p>", "gb2312"),
        content_type="text/html; charset=gb2312",
    )
    httpserver.expect_request("/a/attached.html").respond_with_data(
        page("关于巡察整改进展情况的通报", '<p>详见附件：<a href="/files/notice.pdf">整改通报.pdf</a></p>'),
        content_type="text/html; charset=utf-8",
    )
    httpserver.expect_request("/files/notice.pdf").respond_with_data(PDF, content_type="application/pdf")
    return httpserver


def notice_page(sample: str) -> bytes:
    """A sample notice as a government article page, one <p> per line."""
    text = (SAMPLES / sample).read_text(encoding="utf-8")
    lines = [line for line in text.split("\n") if line.strip()]
    title = next(line for line in lines if "整改" in line)
    return page(title, "".join(f"<p>{line}</p>" for line in lines))


@pytest.fixture()
def small_sites() -> Iterator[Callable[[list[str]], HTTPServer]]:
    """Start small sites on their own 127.0.0.1 ports: robots.txt, /xcgz/index.html listing the given
    samples as /a/<n>.html. Each is its own host, so their crawls do not wait for each other."""
    started: list[HTTPServer] = []

    def start(samples: list[str]) -> HTTPServer:
        server = HTTPServer(host="127.0.0.1", port=0)
        server.start()
        started.append(server)
        server.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
        links = [(f"/a/{n}.html", f"关于巡察整改进展情况的通报（{n}）") for n in range(len(samples))]
        server.expect_request("/xcgz/index.html").respond_with_data(
            listing(links), content_type="text/html; charset=utf-8"
        )
        for n, sample in enumerate(samples):
            server.expect_request(f"/a/{n}.html").respond_with_data(
                notice_page(sample), content_type="text/html; charset=utf-8"
            )
        return server

    yield start
    for server in started:
        server.clear()
        server.stop()
