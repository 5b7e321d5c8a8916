"""Page templates that government sites publish notices in, written after real pages' structure.

Each template wraps the same notice lines, so a test can ask for the same facts from the text and
from every template, in UTF-8 and in GBK declared as gb2312:
- `trs`: the TRS WCM editor (`<div class="TRS_Editor">` of `<p>` with `text-indent`), the most
  common on 纪委监委 sites;
- `table`: the old nested-table layout, body in `<td class="content">` lines joined by `<br>`;
- `word`: text pasted from Word: `<p class="MsoNormal">` with `<span>` runs, `&nbsp;` indents,
  `mso-` styles and an empty `<o:p>`;
- `article`: a modern template, `<article>` with one `<div>` per line and a share bar;
- `attachment`: a page whose body is only a link to the notice as an attachment.
Forms of the notice: multi-line (one block per line), one-line (the whole notice in one block), and
problem-table (the problems as a `<table>` with 序号/问题/整改措施/责任单位/完成时限/完成情况 columns).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

TEMPLATES = ("trs", "table", "word", "article")

_HEAD = """<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}-巡视巡察-临江市纪委监委网站</title>
<link rel="stylesheet" href="/css/main.css"><script src="/js/jquery.min.js"></script>
<script>var _hmt = _hmt || []; (function() {{ var hm = document.createElement("script"); }})();</script>
</head>"""

_NAV = """<div class="top-bar">关怀版 | 无障碍 | 繁體 | 登录</div>
<div class="nav"><a href="/">首页</a> <a href="/xwzx/">新闻中心</a> <a href="/xsxc/">巡视巡察</a> <a href="/dflz/">党风廉政</a></div>"""

_SIDEBAR = "".join(
    f'<li><a href="/a/{i}.html">临江市召开第{i}次巡察工作推进会</a><span>2023-0{1 + i % 9}-1{i % 9}</span></li>'
    for i in range(1, 13)
)

_FOOTER = """<div class="footer"><p>主办：中共临江市纪律检查委员会 临江市监察委员会</p>
<p>版权所有 备案号：临ICP备20230001号 网站标识码：1234000001</p><p>联系我们 | 网站地图 | 隐私声明</p></div>"""

TRS = (
    _HEAD
    + """<body>"""
    + _NAV
    + """
<div class="main"><div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/xsxc/">巡视巡察</a> &gt; 巡察整改</div>
<div class="left"><ul class="hot">"""
    + _SIDEBAR
    + """</ul></div>
<div class="right">
<div class="article-title"><h2>{title}</h2></div>
<div class="article-info">发布时间：{published}&nbsp;&nbsp;来源：临江市委巡察办&nbsp;&nbsp;【字体：<a>大</a> <a>中</a> <a>小</a>】</div>
<div class="TRS_Editor"><div class="Custom_UnionStyle">
{body}
</div></div>
<div class="bdsharebuttonbox">分享到：<a class="bds_weixin">微信</a><a class="bds_tsina">微博</a>【打印本页】【关闭窗口】</div>
</div></div>"""
    + _FOOTER
    + """</body></html>"""
)

TABLE = (
    _HEAD
    + """<body bgcolor="#FFFFFF">
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0"><tr><td>"""
    + _NAV
    + """</td></tr></table>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td width="240" valign="top"><table width="100%">"""
    + "".join(
        f'<tr><td class="list"><a href="/a/{i}.html">市委巡察组召开第{i}次碰头会</a></td></tr>' for i in range(1, 12)
    )
    + """</table></td>
<td width="760" valign="top"><table width="100%" border="0" cellspacing="0" cellpadding="0">
<tr><td class="title" align="center"><font size="5"><b>{title}</b></font></td></tr>
<tr><td class="info" align="center">发布日期：{published}　　点击数：1320　【<a href="javascript:window.print()">打印</a>】【<a href="javascript:window.close()">关闭</a>】</td></tr>
<tr><td class="content">{body}</td></tr>
</table></td></tr></table>"""
    + _FOOTER
    + """</body></html>"""
)

WORD = (
    _HEAD
    + """<body>"""
    + _NAV
    + """
<div class="wrap"><div class="crumb">您的位置：首页 &gt;&gt; 信息公开 &gt;&gt; 巡察整改</div>
<div class="detail"><div class="detail-title">{title}</div>
<div class="detail-sub">时间：{published} 作者：市委巡察办 阅读次数：87</div>
<div class="detail-body" id="zoom">
{body}
</div></div></div>"""
    + _FOOTER
    + """</body></html>"""
)

ARTICLE = (
    _HEAD
    + """<body><header class="site-header">"""
    + _NAV
    + """</header>
<main class="container"><nav class="breadcrumb">首页 / 巡视巡察 / 整改公开</nav>
<article class="post"><h1 class="post-title">{title}</h1>
<div class="post-meta"><span>发布时间：{published}</span><span>来源：临江市纪委监委</span><span>浏览：2046</span></div>
<div class="article-content">
{body}
</div>
<div class="share-bar">分享：<a>微信</a> <a>QQ空间</a> <a>微博</a></div>
<div class="prev-next"><p>上一篇：临江市召开巡察工作领导小组会议</p><p>下一篇：市委第三轮巡察完成进驻</p></div>
</article></main>"""
    + _FOOTER
    + """</body></html>"""
)

ATTACHMENT = TRS.replace(
    "{body}", '<p style="text-indent:2em">附件：<a href="/upload/2023/notice.docx">{title}.docx</a></p>'
)

_TEMPLATE_HTML = {"trs": TRS, "table": TABLE, "word": WORD, "article": ARTICLE}


@dataclass(frozen=True)
class ProblemRow:
    """One row of a problem table."""

    problem: str
    measures: str
    unit: str
    deadline: str
    status: str


TABLE_HEADER = ("序号", "反馈问题", "整改措施", "责任单位", "完成时限", "完成情况")


def _block(template: str, line: str) -> str:
    text = html.escape(line)
    if template == "trs":
        return f'<p style="text-indent: 2em; font-family: 仿宋_GB2312;">{text}</p>'
    if template == "word":
        return (
            f'<p class="MsoNormal" style="text-indent:32.0pt;mso-char-indent-count:2.0;line-height:28.0pt">'
            f'<span style="font-family:仿宋_GB2312;mso-hansi-font-family:宋体">&nbsp;&nbsp;&nbsp;&nbsp;{text}'
            f'<span lang="EN-US"><o:p></o:p></span></span></p>'
        )
    if template == "article":
        return f'<div class="para">{text}</div>'
    return text  # the table layout joins lines with <br>


def _table(template: str, rows: Sequence[ProblemRow]) -> str:
    cells = "".join(
        f"<th>{name}</th>" if template == "article" else f'<td align="center"><b>{name}</b></td>'
        for name in TABLE_HEADER
    )
    body = "".join(
        "<tr>"
        + "".join(
            f"<td>{html.escape(value)}</td>"
            for value in (str(index), row.problem, row.measures, row.unit, row.deadline, row.status)
        )
        + "</tr>"
        for index, row in enumerate(rows, start=1)
    )
    return f'<table class="MsoTableGrid" border="1" cellspacing="0" width="100%"><tbody><tr>{cells}</tr>{body}</tbody></table>'


def page(
    template: str,
    lines: Sequence[str],
    title: str,
    published: str,
    charset: str = "utf-8",
    one_line: bool = False,
    table: Sequence[ProblemRow] = (),
) -> bytes:
    """The notice's lines (and its problem table after them) in a template, encoded as declared."""
    if one_line:
        lines = [" ".join(lines)]
    blocks = [_block(template, line) for line in lines if line.strip()]
    body = ("<br>\n" if template == "table" else "\n").join(blocks)
    if table:
        body += "\n" + _table(template, table)
    text = _TEMPLATE_HTML[template].format(charset=charset, title=html.escape(title), published=published, body=body)
    return text.encode("gb18030" if charset.lower() in ("gb2312", "gbk") else charset)


def attachment_page(title: str, published: str, charset: str = "utf-8") -> bytes:
    text = ATTACHMENT.format(charset=charset, title=html.escape(title), published=published)
    return text.encode("gb18030" if charset.lower() in ("gb2312", "gbk") else charset)
