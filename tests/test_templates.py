"""The same notice in every page template, and its problems as a table in a page, a DOCX and a PDF:
the parser gives the same facts from each as from the text (templates in tests/templates.py)."""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest
from templates import TEMPLATES, ProblemRow, attachment_page, page

from dagster_project.parse import Notice, parse_document, parse_text

CHARSETS = ("utf-8", "gb2312")
PUBLISHED = "2024-03-15 10:20"


def _facts(notice: Notice) -> tuple[object, ...]:
    return (
        notice.title,
        notice.inspector,
        notice.feedback_date,
        notice.claims,
        [(i.title, i.status, i.responsible_unit, [m.text for m in i.measures]) for i in notice.issues],
    )


def _lines(text: str) -> tuple[str, list[str]]:
    """(title, the other lines) of a text notice."""
    title = parse_text(text).title or ""
    return title, [line for line in text.split("\n") if line.strip() and line.strip() != title]


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("charset", CHARSETS)
@pytest.mark.parametrize("one_line", [False, True], ids=["multi-line", "one-line"])
@pytest.mark.parametrize("sample", ["000", "001", "003"])
def test_every_template_gives_the_facts_of_the_text(
    sample_text: dict[str, str], sample: str, template: str, charset: str, one_line: bool
) -> None:
    text_notice = parse_text(sample_text[sample])
    title, lines = _lines(sample_text[sample])
    notice = parse_document(page(template, lines, title, PUBLISHED, charset, one_line), "notice.html")
    if one_line:
        # Without line breaks a heading whose number was lost (sample 000's "、下一步工作打算") cannot be
        # told from text, so that paragraph stays in the last problem's text: compare all but texts.
        assert _facts(notice)[:4] == _facts(text_notice)[:4]
        assert [(i.title, i.status) for i in notice.issues] == [(i.title, i.status) for i in text_notice.issues]
    else:
        assert _facts(notice) == _facts(text_notice)
    assert notice.published_date == date(2024, 3, 15)
    assert all("ICP" not in i.text and "分享" not in i.text and "上一篇" not in i.text for i in notice.issues)


INTRO = [
    "根据县委统一部署，2023年4月10日至6月9日，县委第二巡察组对县市场监督管理局党组开展了常规巡察。"
    "2023年7月18日，县委第二巡察组向局党组反馈了巡察意见。现将巡察整改进展情况予以公布。",
    "一、整改工作总体情况",
    "局党组把巡察整改作为重大政治任务。截至2023年11月30日，反馈的3个问题已完成整改2个，基本完成1个，共制定整改措施5条。",
    "二、反馈问题整改情况",
]
ROWS = [
    ProblemRow(
        "理论学习不够深入", "1.修订党组理论学习中心组学习计划；2.每月开展一次专题学习", "办公室", "2023年9月", "已完成"
    ),
    ProblemRow("食品抽检覆盖面不足", "1.扩大抽检品种和批次", "食品安全科", "2023年10月", "已完成"),
    ProblemRow("执法案卷管理不规范", "1.开展案卷评查；2.建立案卷归档台账", "法规科", "长期", "基本完成"),
]
TITLE = "中共青溪县市场监督管理局党组关于巡察整改进展情况的通报"
TEXT_FORM = "\n".join(
    [TITLE, *INTRO]
    + [
        line
        for number, row in enumerate(ROWS, start=1)
        for line in (
            f"{number}.{row.problem}",
            f"整改措施：{row.measures}",
            f"责任单位：{row.unit}",
            f"完成时限：{row.deadline}",
            f"完成情况：{row.status}",
        )
    ]
)
EXPECTED_ISSUES = [
    ("理论学习不够深入", "completed", "办公室", ["修订党组理论学习中心组学习计划", "每月开展一次专题学习"]),
    ("食品抽检覆盖面不足", "completed", "食品安全科", ["扩大抽检品种和批次"]),
    ("执法案卷管理不规范", "basically_completed", "法规科", ["开展案卷评查", "建立案卷归档台账"]),
]


def test_the_text_form_of_the_table_notice() -> None:
    notice = parse_text(TEXT_FORM)
    assert [
        (i.title, i.status, i.responsible_unit, [m.text for m in i.measures]) for i in notice.issues
    ] == EXPECTED_ISSUES
    assert (notice.claims.total, notice.claims.completed, notice.claims.basically_completed) == (3, 2, 1)


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("charset", CHARSETS)
def test_a_problem_table_in_a_page_is_read_as_problems(template: str, charset: str) -> None:
    notice = parse_document(page(template, INTRO, TITLE, PUBLISHED, charset, table=ROWS), "notice.html")
    assert _facts(notice) == _facts(parse_text(TEXT_FORM))


def test_table_columns_are_found_by_their_header_words_not_position() -> None:
    """The same table with its columns in another order and other header words."""
    reordered = page("trs", INTRO, TITLE, PUBLISHED, table=ROWS)
    for old, new in (("<td>办公室</td>", "<td>办公室</td>"),):
        reordered = reordered.replace(old.encode(), new.encode())
    html = reordered.decode("utf-8")
    header = "".join(
        f'<td align="center"><b>{name}</b></td>'
        for name in ("序号", "反馈问题", "整改措施", "责任单位", "完成时限", "完成情况")
    )
    swapped = "".join(
        f'<td align="center"><b>{name}</b></td>'
        for name in ("序号", "存在问题", "整改举措", "牵头单位", "整改时限", "整改状态")
    )
    notice = parse_document(html.replace(header, swapped).encode("utf-8"), "notice.html")
    assert [(i.title, i.status, i.responsible_unit) for i in notice.issues] == [e[:3] for e in EXPECTED_ISSUES]


def _docx() -> bytes:
    document = docx.Document()
    document.add_paragraph(TITLE)
    for line in INTRO:
        document.add_paragraph(line)
    table = document.add_table(rows=1, cols=6)
    for cell, name in zip(table.rows[0].cells, ("序号", "反馈问题", "整改措施", "责任单位", "完成时限", "完成情况")):
        cell.text = name
    for number, row in enumerate(ROWS, start=1):
        for cell, value in zip(
            table.add_row().cells, (str(number), row.problem, row.measures, row.unit, row.deadline, row.status)
        ):
            cell.text = value
    document.add_paragraph("中共青溪县市场监督管理局党组")
    document.add_paragraph("2023年12月5日")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf() -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("cn", fontName="STSong-Light", fontSize=10, leading=15)
    cells = [["序号", "反馈问题", "整改措施", "责任单位", "完成时限", "完成情况"]] + [
        [str(number), row.problem, row.measures, row.unit, row.deadline, row.status]
        for number, row in enumerate(ROWS, 1)
    ]
    table = Table([[Paragraph(value, style) for value in row] for row in cells], colWidths=[30, 90, 170, 60, 60, 60])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build([Paragraph(line, style) for line in [TITLE, *INTRO]] + [table])
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "make"), [("notice.docx", _docx), ("notice.pdf", _pdf)])
def test_problem_tables_in_docx_and_pdf_attachments(name: str, make) -> None:  # type: ignore[no-untyped-def]
    notice = parse_document(make(), name)
    assert notice.is_rectification_notice
    assert [(i.title, i.status, i.responsible_unit) for i in notice.issues] == [e[:3] for e in EXPECTED_ISSUES]
    assert (notice.claims.total, notice.claims.completed, notice.claims.basically_completed) == (3, 2, 1)


@pytest.mark.parametrize("charset", CHARSETS)
def test_a_page_whose_body_is_an_attachment_link_is_no_notice_itself(charset: str) -> None:
    notice = parse_document(attachment_page(TITLE, PUBLISHED, charset), "notice.html")
    assert notice.issues == [] and notice.claims.is_empty()
    assert notice.is_rectification_notice is False  # the crawler fetches the attachment for the notice
