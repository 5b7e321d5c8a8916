"""Saved government-site pages: main content out of the chrome, heading and 发布时间 from the page."""

from __future__ import annotations

import html
from datetime import date

import pytest

from dagster_project.parse import parse_document, parse_text

PAGE = """<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}_巡视巡察_某某市纪委监委网站</title>
<style>.nav{{color:red}}</style><script>var _hmt = _hmt || [];</script>
</head><body>
<div class="top">关怀版 | 无障碍 | 登录 注册</div>
<div class="nav"><a href="/">首页</a> &gt; <a href="/xxgk/">信息公开</a> &gt; <a href="/xcgz/">巡视巡察</a></div>
<div class="sidebar"><h3>热点专题</h3><ul>{sidebar}</ul></div>
<div class="article">
  <h1 class="title">{title}</h1>
  <div class="info">发布时间：{published} &nbsp; 来源：某某市纪委监委 &nbsp; 浏览次数：<span id="hits">1024</span>
  【字号：<a>大</a> <a>中</a> <a>小</a>】</div>
  <div class="content">{paragraphs}</div>
  <div class="share">分享到：微信 微博 【打印本页】【关闭窗口】</div>
</div>
<div class="footer">版权所有：某某市纪委监委 &nbsp; 备案号：某ICP备12345678号 &nbsp; 联系我们 网站地图</div>
</body></html>"""


def as_page(text: str, title: str, published: str, charset: str) -> bytes:
    body_lines = [line for line in text.split("\n") if line.strip()]
    paragraphs = "\n".join(f'<p style="text-indent:2em"><span>{html.escape(line)}</span></p>' for line in body_lines)
    sidebar = "".join(f'<li><a href="/a/{i}.html">某某县召开第{i}次巡察工作推进会议</a></li>' for i in range(1, 16))
    page = PAGE.format(charset=charset, title=title, published=published, paragraphs=paragraphs, sidebar=sidebar)
    return page.encode("gb18030" if charset.lower() in ("gb2312", "gbk") else charset)


def body_of(sample: str) -> str:
    """The sample without its own title line, as a page's content div holds it."""
    return "\n".join(sample.split("\n")[5:])


@pytest.mark.parametrize("charset", ["utf-8", "gb2312"])
def test_page_gives_the_same_facts_as_the_text(sample_text: dict[str, str], charset: str) -> None:
    title = "南康经开区党工委关于巡察整改进展情况的通报"
    page = as_page(body_of(sample_text["000"]), title, "2024年03月15日 10:20", charset)
    notice = parse_document(page, "notice.html")
    text_notice = parse_text(sample_text["000"])
    assert notice.title == title
    assert notice.published_date == date(2024, 3, 15)  # htmldate would say 2024-01-01
    assert notice.issuer == text_notice.issuer
    assert notice.claims == text_notice.claims
    assert [(i.title, i.status) for i in notice.issues] == [(i.title, i.status) for i in text_notice.issues]
    assert (notice.inspection_start, notice.feedback_date, notice.signed_date) == (
        date(2023, 4, 7),
        date(2023, 7, 28),
        date(2023, 11, 27),
    )
    assert all("ICP" not in i.text and "分享到" not in i.text for i in notice.issues)


def test_gbk_page_with_characters_outside_gb2312(sample_text: dict[str, str]) -> None:
    text = body_of(sample_text["003"]).replace("汨罗高新区党工委坚持", "汨罗高新区党工委（书记王喆、副书记朱镕）坚持")
    page = as_page(text, "中共湖南汨罗高新技术产业开发区工作委员会关于巡察整改进展情况的通报", "2023-12-27", "gb2312")
    notice = parse_document(page, "page.htm")
    assert notice.published_date == date(2023, 12, 27)
    assert len(notice.issues) == 32 and len(notice.categories) == 10
    assert notice.claims.total == 49 and notice.claims.completed == 39


def test_page_title_from_title_tag_when_no_heading(sample_text: dict[str, str]) -> None:
    page = as_page(body_of(sample_text["001"]), "XX经济开发区D工委关于巡察整改进展情况的通报", "2023-05-12", "utf-8")
    page = page.replace(b'<h1 class="title">', b"<div>").replace(b"</h1>", b"</div>")
    notice = parse_document(page, "", "text/html; charset=utf-8")
    assert notice.title == "XX经济开发区党工委关于巡察整改进展情况的通报"
    assert notice.claims.completed == 17 and len(notice.issues) == 24
