"""Layouts the samples do not show: other heading nestings, counts in words, texts that are not notices.

The texts in tests/data are written after real notices of provinces and universities (names
replaced by 某某), to pin down the structures the parser must read in general.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dagster_project.parse import parse_text

DATA = Path(__file__).parent / "data"


def read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def test_central_inspection_with_categories_under_a_chapter() -> None:
    notice = parse_text(read("central_inspection_categories.txt"))
    assert notice.issuer == "中共某某省委"
    assert (notice.inspection_kind, notice.inspector) == ("巡视", "中央第三巡视组")
    assert (notice.inspection_start, notice.inspection_end) == (date(2021, 5, 10), date(2021, 7, 10))
    assert notice.feedback_date == date(2021, 8, 28)
    assert notice.as_of_date == date(2022, 1, 31)
    assert notice.signed_date == date(2022, 2, 15)
    claims = notice.claims
    assert (claims.problems, claims.aspects, claims.completed, claims.in_progress) == (12, 4, 9, 3)
    assert (claims.measures, claims.rules_made) == (156, 47)
    # 二、 is the chapter holding every problem, not a category.
    assert [c.title for c in notice.categories] == [
        "贯彻落实党中央重大决策部署方面",
        "全面从严治党方面",
        "领导班子和干部队伍建设方面",
    ]
    assert [(i.seq, i.category_index) for i in notice.issues] == [(1, 1), (2, 1), (3, 2), (4, 2), (5, 3)]
    assert notice.issues[2].title == "“两个责任”落实不到位"
    assert notice.issues[0].title == "落实新发展理念不够到位"
    assert [m.text for m in notice.issues[3].measures] == ["开展专项整治", "查处违规吃喝问题23起"]


def test_university_problems_as_paren_headings_with_numbered_measures() -> None:
    notice = parse_text(read("university_paren_problems.txt"))
    assert notice.issuer == "中共某某大学委员会"
    assert notice.signed_date == date(2022, 11, 20)  # 二〇二二年十一月二十日
    assert notice.inspector == "省委第八巡视组"
    assert notice.feedback_date == date(2022, 6, 10)
    claims = notice.claims
    # 三个方面15个具体问题已全部完成整改: all 15 completed, in words.
    assert (claims.aspects, claims.problems, claims.total, claims.completed) == (3, 15, 15, 15)
    assert [c.title for c in notice.categories] == ["党的领导弱化", "全面从严治党不力"]
    assert [i.title for i in notice.issues] == [
        "落实立德树人根本任务不到位",
        "意识形态工作责任制落实有差距",
        "基建工程领域廉洁风险突出",
        "科研经费管理不规范",
    ]
    assert [len(i.measures) for i in notice.issues] == [2, 2, 3, 1]
    assert notice.issues[2].measures[2].text.startswith("对3名相关责任人进行问责")


@pytest.mark.parametrize("name", ["not_notice_inspection_start.txt", "not_notice_feedback_meeting.txt"])
def test_texts_that_are_not_rectification_notices(name: str) -> None:
    notice = parse_text(read(name))
    assert notice.is_rectification_notice is False
    assert notice.issues == []
    assert notice.claims.is_empty()


def test_other_heading_styles_read_the_same(sample_text: dict[str, str]) -> None:
    original = parse_text(sample_text["003"])
    restyled_text = "\n".join(
        line.replace("(", "（", 1).replace(")", "）", 1) if line.strip().startswith("(") else line
        for line in sample_text["003"].split("\n")
    )
    restyled_text = "\n".join(
        line.replace(".", "、", 1) if line.strip()[:1].isdigit() else line for line in restyled_text.split("\n")
    )
    restyled = parse_text(restyled_text)
    assert len(restyled.issues) == 32
    assert [i.title for i in restyled.issues] == [i.title for i in original.issues]
    assert [c.title for c in restyled.categories] == [c.title for c in original.categories]
