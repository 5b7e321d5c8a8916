"""The real variety the corpus surveys, one behaviour per test (texts in our own words)."""

from __future__ import annotations

from datetime import date

import pytest

from dagster_project.parse import parse_text
from dagster_project.parse.clean import decode_markup, drop_spam_lines, remove_glosses
from dagster_project.parse.script import looks_traditional, to_simplified

INTRO = (
    "根据县委统一部署，2023年3月6日至5月19日，县委第三巡察组对县农业农村局党组开展了常规巡察。"
    "2023年6月28日，县委第三巡察组向局党组反馈了巡察意见。按照巡察工作有关要求，现将整改进展情况予以公布。\n"
)


def notice(summary: str, intro: str = INTRO, title: str = "中共青溪县农业农村局党组关于巡察整改进展情况的通报") -> str:
    return (
        f"{title}\n{intro}一、整改工作开展情况\n局党组高度重视整改工作。{summary}\n二、反馈问题整改落实情况\n"
        "1.关于“理论学习不深入”问题的整改。整改情况：已完成。\n2.关于“财务管理不规范”问题的整改。整改情况：已完成。\n"
    )


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        (
            "围绕反馈的5个方面21个问题，制定97项整改措施，逐项明确责任。",
            {"aspects": 5, "problems": 21, "total": 21, "measures": 97, "completed": None},
        ),
        (
            "截至2023年11月30日，反馈问题20项，已整改到位17项，持续推进3项。",
            {"problems": 20, "total": 20, "completed": 17, "in_progress": 3},
        ),
        (
            "截至目前，巡察反馈的 19 个问题，已完成整改 16 个，阶段性完成 3 个。",
            {"problems": 19, "completed": 16, "basically_completed": 3},
        ),
        (
            "截至目前，反馈的697个问题，完成整改688个，基本完成取得阶段性成果并持续整改问题4个，未完成5个，总体完成率98.71%。",
            {
                "problems": 697,
                "completed": 688,
                "basically_completed": 4,
                "in_progress": None,
                "not_completed": 5,
                "completion_rate_pct": 98.71,
            },
        ),
        (
            "截至目前，反馈的38个问题已完成整改32个，其余6个按序时推进。",
            {"total": 38, "completed": 32, "in_progress": 6},
        ),
        ("截至目前，15个问题已完成整改13个，需长期坚持2个。", {"total": 15, "completed": 13, "long_term": 2}),
        (
            "针对反馈的3个方面13类问题，细化成42个具体问题，制定168项整改措施。",
            {"aspects": 3, "problems": 42, "measures": 168},
        ),
        ("196项整改举措中，已完成183项，其余13项需长期坚持。", {"total": 196, "completed": 183, "long_term": 13}),
        (
            "截至目前，乡党委本级反馈问题已完成整改24个，基本完成2个；9个村党组织反馈问题已完成整改79个，其余8个正在整改。",
            {"completed": 24, "basically_completed": 2, "in_progress": None},
        ),
    ],
)
def test_summary_shapes(summary: str, expected: dict[str, object]) -> None:
    claims = parse_text(notice(summary)).claims
    assert {key: getattr(claims, key) for key in expected} == expected


def test_counts_of_people_money_meetings_and_idioms_are_no_claims() -> None:
    text = notice(
        "先后召开党组会议12次，谈话提醒6人，收回资金2.4万元；完成一项销号一项，确保每一个问题都有人抓、措施一条不落。"
    )
    claims = parse_text(text).claims
    assert (claims.problems, claims.completed, claims.measures) == (None, None, None)


def test_a_problem_sections_own_summary_is_not_the_notices() -> None:
    text = (
        "中共青溪县财政局党组关于巡察整改进展情况的通报 "
        + INTRO.replace("\n", " ")
        + "一、整改工作总体情况 局党组对反馈的3个方面15个问题逐条研究。截至2023年9月30日，15个问题已完成整改13个，需长期坚持2个。"
        + "二、反馈问题具体整改情况 (一)关于贯彻落实上级决策部署方面 1.关于“过紧日子要求落实不到位”问题的整改。"
        + "整改情况：全面梳理五大类共24项问题，制定清单逐项整改，目前整改工作全部完成。"
        + "2.关于“预算执行进度偏慢”问题的整改。整改情况：建立月调度机制，已完成。"
        + "3.关于“国有资产管理不规范”问题的整改。整改情况：开展资产清查，已完成。" * 3
    )
    parsed = parse_text(text)
    assert (parsed.claims.total, parsed.claims.completed, parsed.claims.long_term) == (15, 13, 2)
    assert len(parsed.issues) >= 3 and parsed.issues[0].title == "过紧日子要求落实不到位"
    assert parsed.as_of_date == date(2023, 9, 30) and parsed.signed_date is None


@pytest.mark.parametrize(
    ("header", "published"),
    [
        ("日期:2023-05-04 08:46:31 来源:区财政局 浏览量:", date(2023, 5, 4)),
        ("信息时间：2024-01-19  信息来源：县卫生健康局", date(2024, 1, 19)),
        ("2019-03-20 17:03:08 | 来源: 某某纪委网", date(2019, 3, 20)),
        ("来源:市城管局2022-03-10 11:51", date(2022, 3, 10)),
        ("• 成文日期:\n\n 2024-04-18\n• 发布日期:\n\n 2024-04-19 10:21", date(2024, 4, 19)),
        ("• 成文日期: 2024-04-18", None),
        ("发文日期：2023年11月20日", None),
    ],
)
def test_publication_dates_from_the_page_header(header: str, published: date | None) -> None:
    text = f"首页 > 巡视巡察\n中共青溪县农业农村局党组关于巡察整改进展情况的通报\n{header}\n{INTRO}"
    parsed = parse_text(text)
    assert parsed.published_date == published
    if published:
        quote = parsed.evidence["published_date"]
        assert parsed.text[quote.start : quote.end] == quote.text and str(published.day) in quote.text


@pytest.mark.parametrize(
    ("sentence", "inspector"),
    [
        ("七届市委第十二轮巡察一组对我局开展了巡察，并反馈了意见。", "七届市委第十二轮巡察一组"),
        ("市委巡察三组对我局开展了巡察，并反馈了意见。", "市委巡察三组"),
        ("市委第四、五巡察组对我局开展了联动巡察，并反馈了意见。", "市委第四、五巡察组"),
        ("区委第一至第五巡察组对10家单位开展了巡察，并反馈了意见。", "区委第一至第五巡察组"),
        ("县上下联动专项巡察组配合省委第六巡视组开展巡察，县委第二巡察组反馈了意见。", "县委第二巡察组"),
        ("市委巡察组对我局开展了巡察，并反馈了意见。", None),  # only the committee's groups: not said which
    ],
)
def test_inspector_names_in_their_shapes(sentence: str, inspector: str | None) -> None:
    text = f"中共青溪县农业农村局党组关于巡察整改进展情况的通报\n根据市委统一部署，{sentence}现将整改情况予以公布。\n"
    assert parse_text(notice("", intro=text.split("\n", 1)[1])).inspector == inspector


def test_approximate_periods_and_meetings_are_no_days() -> None:
    intro = (
        "根据区委统一部署，2023年8月下旬至10月，区委第二巡察组对我局开展了巡察。12月5日，局党组召开专题会议研究整改。"
        "巡察组于12月1日至3日分别反馈了巡察意见。现将整改情况予以通报。\n"
    )
    parsed = parse_text(notice("截至2024年3月底，已完成整改12个。", intro=intro))
    assert (parsed.inspection_start, parsed.inspection_end, parsed.feedback_date, parsed.as_of_date) == (None,) * 4


def test_traditional_script_is_read_and_quoted_as_written() -> None:
    text = (
        "中共臨江市文化廣電和旅遊局黨組關於巡察整改進展情況的通報\n根據市委統一部署，2023年3月6日至5月19日，"
        "市委第五巡察組對市文旅局黨組開展了巡察。2023年6月28日，市委第五巡察組向局黨組反饋了巡察意見。現將整改進展情況予以公佈。\n"
        "截至2023年10月31日，巡察反饋的4個方面21個問題，已完成整改18個，階段性完成3個，整改完成率８５．７１％。\n"
    )
    parsed = parse_text(text)
    assert parsed.is_rectification_notice
    assert parsed.title == "中共臨江市文化廣電和旅遊局黨組關於巡察整改進展情況的通報"
    assert parsed.inspector == "市委第五巡察組"
    claims = parsed.claims
    assert (claims.problems, claims.completed, claims.basically_completed, claims.completion_rate_pct) == (
        21,
        18,
        3,
        85.71,
    )
    quote = parsed.evidence["claims.completed"]
    assert parsed.text[quote.start : quote.end] == quote.text and "已完成整改18個" in quote.text


def test_simplified_reading_keeps_every_offset() -> None:
    traditional = "巡視整改進展情況，反饋的29個問題"
    assert looks_traditional(traditional) and not looks_traditional("巡视整改进展情况，反馈的29个问题")
    assert to_simplified(traditional) == "巡视整改进展情况，反馈的29个问题"
    assert len(to_simplified(traditional * 50)) == len(traditional * 50)


def test_copying_noise_is_removed() -> None:
    assert remove_glosses("根據(jù)縣委統(tǒng)一部署(一)") == ("根據縣委統一部署(一)", 2)
    assert (
        decode_markup("已完成整改&amp;nbsp;23&amp;nbsp;个&#65292;基本完成<br>2个")[0]
        == "已完成整改 23 个，基本完成\n2个"
    )
    assert drop_spam_lines("正文第一段。\n下载本文档 更多范文请关注\n正文第二段。") == ("正文第一段。\n正文第二段。", 1)
    parsed = parse_text(notice("截至目前，反馈的29个问题已完成整\u200b改26个，基本完成3个。"))
    assert parsed.claims.completed == 26 and "\u200b" not in parsed.text


@pytest.mark.parametrize(
    ("title", "body", "reason"),
    [
        (
            "云山区2023年度审计查出问题整改情况的报告",
            "受区人民政府委托，报告审计查出问题整改情况。审计查出的56个问题，已整改到位51个。巡察整改",
            "audit",
        ),
        (
            "区委第三巡察组巡察区总工会党组工作动员会召开",
            "4月10日，区委第三巡察组进驻区总工会，巡察期间设立举报电话，对发现的问题立行立改、边巡边改，推动整改，巡察结束后督促整改。",
            "inspection starting",
        ),
        (
            "区委第二巡察组向区财政局党组反馈巡察情况",
            "会上反馈了巡察发现的6个方面21个问题，提出整改意见。整改",
            "feedback meeting",
        ),
        (
            "鹿鸣区开展巡察整改专项督查",
            "区纪委监委对12家单位巡察整改情况进行了回访督查，已整改完成287个问题。整改",
            "supervision",
        ),
        (
            "临江城建职业学院党委巡察工作规程",
            "第一章 总则 第一条 为规范巡察工作，推动巡察整改，制定本规程。第二条 被巡察党组织应当及时报告整改进展情况。",
            "rules",
        ),
    ],
)
def test_look_alikes_stay_negative_with_their_reason(title: str, body: str, reason: str) -> None:
    parsed = parse_text(f"{title}\n{body}")
    assert parsed.is_rectification_notice is False
    assert any(reason in signal for signal in parsed.detection), parsed.detection
    assert parsed.claims.is_empty() and parsed.feedback_date is None


def test_a_notice_without_title_or_closing_clause_is_found_by_its_signals() -> None:
    body = (
        "按照县委统一部署，县委第六巡察组于2023年8月21日至10月20日对县卫生健康局党组开展了常规巡察，11月1日反馈了巡察意见。"
        "截至2024年1月10日，反馈的3个方面18个问题已整改完成15个，基本完成3个。\n"
    )
    parsed = parse_text(body)
    assert parsed.is_rectification_notice and parsed.title is None
    assert "a summary of completion counts" in parsed.detection
