"""docs/queries.sql, the analysts' cookbook: every query runs on the sample warehouse and gives its answer."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import duckdb
import pytest
from conftest import REPO, SampleBuild

COOKBOOK = REPO / "docs" / "queries.sql"
NANKANG = "南康经开区党工委关于巡察整改进展情况的通报"
XX = "XX经济开发区党工委关于巡察整改进展情况的通报"
MILUO = "中共湖南汨罗高新技术产业开发区工作委员会关于巡察整改进展情况的通报"
NANKANG_SUMMARY = "截至20231027日,巡察反馈的3大类10个方面29项具体问题,已完成整改26个,整改完成率为89.65%"

# Each question's answer on the three samples, worked out from the notices themselves.
ANSWERS: dict[str, list[tuple]] = {
    "claims_more_completed_than_listed": [(NANKANG, 26, 25, -1)],
    "quote_the_disputed_claim": [
        (XX, 17, "目前，巡察反馈的24个问题中，已整改完成的问题17个，正在推进整改的问题7个"),
        (NANKANG, 26, ...),  # the whole summary sentence; its opening is checked below
    ],
    "notices_whose_numbers_disagree": [(3, 3)],
    "feedback_to_notice_lag": [(100.0, 91, 222)],
    "inspections_reported_late": [
        ("中共江苏XX经济开发区工作委员会", datetime.date(2022, 12, 29), datetime.date(2023, 5, 10), 132),
        ("中共湖南汨罗高新技术产业开发区工作委员会", datetime.date(2023, 10, 23), datetime.date(2023, 11, 2), 10),
        ("中共江西南康经济开发区工作委员会", datetime.date(2023, 10, 26), datetime.date(2023, 10, 27), 1),
    ],
    "land_use_problems_in_jiangxi_2023": [("深化亩产论英雄改革不彻底", "中共江西南康经济开发区工作委员会")],
    "problems_by_topic": [("Discipline and integrity", 12), ("Finance and funds", 10), ("Environment", 9)],
    "notices_by_province_and_kind": [("江苏", "巡察", 1), ("江西", "巡察", 1), ("湖南", "巡察", 1)],
    "claimed_completion_rates": [(NANKANG, 89.65, 89.66, True)],
    "problems_without_status": [(MILUO, 32, None)],
    "measures_per_problem": [(NANKANG, 3.4), (XX, 2.9), (MILUO, 0.3)],
    "documents_that_did_not_become_notices": [("parsed", 3)],
    "freshness": [(3, 3, 0, True)],
}


def cookbook() -> dict[str, tuple[str, str]]:
    """{name: (question, sql)} in the file's order."""
    entries = {}
    for block in re.split(r"\n(?=-- name: )", COOKBOOK.read_text(encoding="utf-8"))[1:]:
        name = re.match(r"-- name: (\S+)", block)
        question = re.search(r"^-- question: (.+)$", block, re.MULTILINE)
        assert name and question, block[:80]
        entries[name.group(1)] = (question.group(1), block.strip().rstrip(";"))
    return entries


def test_the_cookbook_has_ten_questions_each_with_an_answer() -> None:
    entries = cookbook()
    assert len(entries) >= 10
    assert list(entries) == list(ANSWERS)  # a query without an answer here is never checked
    assert all(question.endswith("?") for question, _ in entries.values())


@pytest.mark.integration
@pytest.mark.parametrize("name", list(ANSWERS))
def test_each_query_gives_its_answer_on_the_samples(sample_build: SampleBuild, name: str) -> None:
    _, sql = cookbook()[name]
    with duckdb.connect(str(sample_build.settings.published_path), read_only=True) as connection:
        rows = connection.execute(sql).fetchall()
    expected = ANSWERS[name]
    assert len(rows) == len(expected)
    for row, answer in zip(rows, expected):
        for value, wanted in zip(row, answer, strict=True):
            if wanted is ...:
                assert isinstance(value, str) and value.startswith(NANKANG_SUMMARY)
            else:
                assert value == wanted, (name, row)


def test_a_wrong_answer_fails(tmp_path: Path) -> None:
    """The comparison above is not vacuous: a query that answers otherwise does not match."""
    with duckdb.connect() as connection:
        rows = connection.execute("select 3, 2").fetchall()
    assert rows != ANSWERS["notices_whose_numbers_disagree"]
