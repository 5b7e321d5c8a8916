"""Golden facts of the three real samples, read by a person from the notices themselves."""

from __future__ import annotations

from datetime import date

import pytest

from dagster_project.parse import parse_text
from dagster_project.parse.model import Notice


@pytest.fixture(scope="module")
def parsed(sample_text: dict[str, str]) -> dict[str, Notice]:
    return {key: parse_text(text) for key, text in sample_text.items()}


def test_000_head_facts_with_repaired_dates(parsed: dict[str, Notice]) -> None:
    notice = parsed["000"]
    assert notice.title == "南康经开区党工委关于巡察整改进展情况的通报"
    assert notice.issuer == "中共江西南康经济开发区工作委员会"
    assert notice.inspection_kind == "巡察"
    assert notice.inspector == "市委第五巡察组"
    assert notice.inspection_start == date(2023, 4, 7)
    assert notice.inspection_end == date(2023, 6, 6)
    assert notice.feedback_date == date(2023, 7, 28)
    assert notice.as_of_date == date(2023, 10, 27)
    assert notice.signed_date == date(2023, 11, 27)
    assert notice.published_date is None
    assert notice.is_rectification_notice is True
    assert any("202347日" in w and "2023-04-07" in w for w in notice.warnings)
    assert any("市委第巡察组" in w for w in notice.warnings)


def test_000_claims_as_written_not_reconciled(parsed: dict[str, Notice]) -> None:
    claims = parsed["000"].claims
    assert (claims.total, claims.total_unit, claims.problems, claims.aspects) == (29, "项具体问题", 29, 10)
    assert (claims.completed, claims.basically_completed, claims.not_completed) == (26, 3, 0)
    assert claims.in_progress is None and claims.long_term is None
    assert claims.completion_rate_pct == 89.65 and claims.completion_rate_written == "89.65"
    assert claims.rules_made == 10
    extras = {extra.scope: extra for extra in parsed["000"].extra_claims}
    assert set(extras) == {"立行立改", "举一反三、自查自纠"}
    assert (extras["立行立改"].total, extras["立行立改"].completed, extras["立行立改"].completion_rate_pct) == (
        6,
        6,
        100.0,
    )
    assert (extras["举一反三、自查自纠"].problems, extras["举一反三、自查自纠"].completed) == (2, 2)
    # "22方面2个具体问题" cannot be read: more aspects than problems.
    assert extras["举一反三、自查自纠"].aspects is None


def test_000_issues_by_status_section(parsed: dict[str, Notice]) -> None:
    issues = parsed["000"].issues
    assert len(issues) == 28
    assert [i.seq for i in issues] == list(range(1, 29))
    assert sum(i.status == "completed" for i in issues) == 25
    assert sum(i.status == "basically_completed" for i in issues) == 3
    assert issues[0].title == "创新引领产业升级不明显"  # closing quote missing in the source
    assert issues[2].title == "招商项目重引轻管达效不优"
    assert issues[17].title == "未批先建问题屡有发生"
    assert issues[20].title == "党建工作责任制这个‘牛鼻子’牵的不紧"
    assert issues[25].title == "财园信贷通贷前尽职调查流于形式,贷后监管缺位"
    assert issues[25].status == "basically_completed"
    assert [m.seq for m in issues[5].measures] == [1, 2, 3, 4, 5, 6]
    assert issues[0].measures[0].text.startswith("积极打造高附加值")
    assert "下一步" not in issues[-1].text
    assert parsed["000"].categories == []


def test_001_masked_party_adverts_and_in_progress(parsed: dict[str, Notice]) -> None:
    notice = parsed["001"]
    assert notice.title == "XX经济开发区党工委关于巡察整改进展情况的通报"
    assert notice.issuer == "中共江苏XX经济开发区工作委员会"
    assert notice.inspector == "市委第二巡察组"
    assert (notice.inspection_start, notice.inspection_end) == (date(2022, 7, 15), date(2022, 9, 5))
    assert notice.feedback_date == date(2022, 9, 30)  # 9月30日: year from the inspection period
    assert notice.signed_date == date(2023, 5, 10)
    claims = notice.claims
    assert (claims.total, claims.total_unit, claims.problems, claims.aspects) == (24, "个问题", 24, 3)
    assert (claims.completed, claims.in_progress, claims.measures) == (17, 7, 70)
    statuses = [i.status for i in notice.issues]
    assert statuses.count("completed") == 18 and statuses.count("in_progress") == 6
    assert notice.issues[5].title == "去行政化配套改革措施推进缓慢"  # ##paidbegin## stood inside 整改
    assert notice.issues[15].title == "党建工作基础薄弱"  # D建 → 党建
    assert notice.issues[12].title == "对‘两个责任’规定动作落实不够到位"
    assert all("D" not in i.title for i in notice.issues)
    assert all("素材库" not in i.text and "paid" not in i.text for i in notice.issues)
    assert "advert blocks removed" in notice.warnings


def test_003_categories_tasks_and_page_metadata(parsed: dict[str, Notice]) -> None:
    notice = parsed["003"]
    assert notice.title == "中共湖南汨罗高新技术产业开发区工作委员会关于巡察整改进展情况的通报"
    assert notice.inspector == "岳阳市委园区专项巡察组"
    assert (notice.inspection_start, notice.inspection_end) == (date(2023, 3, 15), date(2023, 4, 25))
    assert notice.feedback_date == date(2023, 7, 25)
    assert notice.signed_date == date(2023, 11, 2)
    assert notice.published_date == date(2023, 12, 27)  # from 发表时间:2023-12-27 16:11
    assert notice.as_of_date is None  # 截至目前
    claims = notice.claims
    assert (claims.total, claims.total_unit, claims.problems, claims.aspects) == (49, "项分项任务", 14, 3)
    assert (claims.completed, claims.basically_completed, claims.long_term, claims.rules_made) == (39, 7, 3, 25)
    assert len(notice.categories) == 10
    assert notice.categories[1].title == "贯彻“三新一高”要求还有落差"
    assert len(notice.issues) == 32
    assert all(i.status is None for i in notice.issues)
    assert [i.category_index for i in notice.issues[:4]] == [1, 1, 2, 2]
    assert notice.issues[-1].category_index == 10
    assert notice.issues[3].title == "“僵尸企业”处置进展比较慢"
    assert notice.issues[22].title == "“一岗双责”落实不到位"
    assert notice.issues[13].title == "未按要求建立大气污染治理“一企一策”"
    assert len(notice.issues[9].measures) == 4


def test_notice_id_is_stable_and_distinct(parsed: dict[str, Notice], sample_text: dict[str, str]) -> None:
    ids = {key: notice.notice_id for key, notice in parsed.items()}
    assert len(set(ids.values())) == 3
    assert parse_text(sample_text["000"]).notice_id == ids["000"]
    # Re-typed line breaks and chrome do not make another notice.
    assert parse_text(sample_text["003"].replace("\n\n", "\n")).notice_id == ids["003"]


def test_collapsed_onto_one_line_gives_the_same_facts(sample_text: dict[str, str], parsed: dict[str, Notice]) -> None:
    for key, text in sample_text.items():
        collapsed = parse_text(text.replace("\n", ""))
        expected = parsed[key]
        assert collapsed.notice_id == expected.notice_id
        assert collapsed.claims == expected.claims
        assert [(i.title, i.status, i.category_index) for i in collapsed.issues] == [
            (i.title, i.status, i.category_index) for i in expected.issues
        ]
        for field in ("title", "issuer", "inspector", "inspection_start", "feedback_date", "as_of_date", "signed_date"):
            assert getattr(collapsed, field) == getattr(expected, field), (key, field)
