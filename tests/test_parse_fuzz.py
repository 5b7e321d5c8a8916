"""Hostile and random input: `parse_document` returns a Notice or raises ParseError, and quickly.

Every quantifier that can meet a long run of digits or characters is bounded, so no input makes
a pattern backtrack; these properties feed the runs that used to (截至 + 100,000 digits took
30 s) and random mixtures of real notice fragments and markup.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dagster_project.parse import Notice, ParseError, parse_document, parse_text

# Generous: the runs below parse in milliseconds; a backtracking pattern takes minutes on them.
HOSTILE_SECONDS = 5.0
FRAGMENTS = [
    "关于巡察整改进展情况的通报",
    "根据市委统一部署，",
    "市委第二巡察组",
    "于2022年7月15日至9月5日",
    "反馈",
    "现将整改进展情况予以公布",
    "一、",
    "(一)",
    "1.",
    "①",
    "一是",
    "关于“",
    "”问题的整改",
    "截至",
    "截止",
    "年",
    "月",
    "日",
    "29个问题",
    "已完成整改26个",
    "基本完成3个",
    "完成率89.65%",
    "整改措施",
    "项",
    "个",
    "2023",
    "12",
    "。",
    "，",
    "\n",
    " ",
    "<p>",
    "</p>",
    "<br>",
    '<td class="content">',
    "&nbsp;",
    "##paidbegin##",
    "D工委",
    "\u200b",
    "巡視",
    "整改進展",
    "發布時間：2023-05-04 08:46:31",
]


def _check(data: bytes, name: str) -> None:
    started = time.perf_counter()
    try:
        result = parse_document(data, name)
    except ParseError:
        result = None
    assert result is None or isinstance(result, Notice)
    assert time.perf_counter() - started < HOSTILE_SECONDS
    if result is not None:  # every quote points into the text it quotes
        assert all(result.text[q.start : q.end] == q.text for q in result.evidence.values())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4096), st.sampled_from(["a.txt", "a.html", "a.pdf", "a.docx", "a"]))
def test_random_bytes(data: bytes, name: str) -> None:
    _check(data, name)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=300), st.sampled_from(["a.txt", "a.html"]))
def test_mixtures_of_notice_fragments_and_markup(parts: list[str], name: str) -> None:
    _check("".join(parts).encode("utf-8"), name)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_truncations_of_the_samples(sample_text: dict[str, str], data: st.DataObject) -> None:
    text = sample_text[data.draw(st.sampled_from(sorted(sample_text)))].encode("utf-8")
    cut = data.draw(st.integers(min_value=0, max_value=len(text)))
    _check(text[:cut], "notice.txt")


@pytest.mark.parametrize(
    "run",
    ["1", "年", "月", "日", " ", "一、", "(一)", "1.", "截至", "2023年", "12月", "关于“", "问题", "个", "一是", "反馈"],
)
def test_long_runs_parse_in_linear_time(sample_text: dict[str, str], run: str) -> None:
    body = sample_text["000"]
    started = time.perf_counter()
    notice = parse_text(body + "截至" + run * (100_000 // len(run)))
    elapsed = time.perf_counter() - started
    assert notice.claims.completed == 26  # the notice is still read
    assert elapsed < HOSTILE_SECONDS, f"{run!r} × 100,000: {elapsed:.1f} s"
