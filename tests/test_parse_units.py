"""Date repair, numerals and decoding: properties over many inputs, and the cases that must not be guessed."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import cn2an
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dagster_project import parse as parse_package
from dagster_project.parse import PARSER_VERSION, source_version
from dagster_project.parse.dates import complete, find_dates, month_day_readings
from dagster_project.parse.decode import UndecodableError, decode_bytes
from dagster_project.parse.numerals import to_int

dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31))


def read_one(text: str, anchor: date | None = None) -> date | None:
    mentions = find_dates(text)
    assert len(mentions) == 1, mentions
    return complete(mentions[0], anchor)[0]


@given(dates)
def test_written_dates_read_back(day: date) -> None:
    assert read_one(f"于{day.year}年{day.month}月{day.day}日召开") == day
    assert read_one(f"发布时间:{day.isoformat()} 10:20") == day
    assert read_one(f"{day.year}年{day.month:02d}月{day.day:02d}日") == day


@given(dates)
def test_chinese_numeral_dates_read_back(day: date) -> None:
    year = "".join("〇一二三四五六七八九"[int(d)] for d in str(day.year))
    written = f"{year}年{cn2an.an2cn(day.month)}月{cn2an.an2cn(day.day)}日"
    assert read_one(written) == day


@given(dates)
def test_lost_year_and_month_marks_are_repaired_only_when_unambiguous(day: date) -> None:
    digits = f"{day.month}{day.day}"
    readings = month_day_readings(digits, day.year)
    value = read_one(f"截至{day.year}{digits}日,")
    if len(readings) == 1:
        assert value == day
    else:
        assert value is None
        assert (day.month, day.day) in readings


@given(dates)
def test_compact_signature_dates(day: date) -> None:
    assert read_one(f"{day.year}{day.month:02d}{day.day:02d}") == day


@given(dates, st.integers(min_value=1, max_value=300))
def test_year_is_taken_from_the_earlier_date_and_moves_on(anchor: date, offset: int) -> None:
    later = date.fromordinal(anchor.toordinal() + offset)
    if later.year - anchor.year > 1 or (
        later.year > anchor.year and (later.month, later.day) >= (anchor.month, anchor.day)
    ):
        return  # more than a year on cannot be told from month and day alone
    assert read_one(f"并于{later.month}月{later.day}日进行了反馈", anchor) == later


def test_damaged_dates_of_the_samples() -> None:
    mentions = find_dates("202347日至66日")
    start = complete(mentions[0], None)[0]
    assert start == date(2023, 4, 7)
    assert complete(mentions[1], start)[0] == date(2023, 6, 6)
    assert read_one("截至20231027日") == date(2023, 10, 27)
    assert read_one("20231127") == date(2023, 11, 27)
    assert read_one("截至2023年10月底") is None  # a month's end is not an exact day


def test_ambiguous_digits_are_not_guessed() -> None:
    mention = find_dates("2023111日")[0]
    assert mention.ambiguous
    assert complete(mention, None) == (None, "ambiguous digits: more than one month/day reading")
    assert month_day_readings("111") == [(1, 11), (11, 1)]
    assert find_dates("联系电话07976567303") == []
    assert find_dates("共计退还10.31万元") == []


@given(st.integers(min_value=0, max_value=99999))
def test_numerals_in_both_scripts(number: int) -> None:
    assert to_int(str(number)) == number
    assert to_int(cn2an.an2cn(number)) == number


def test_numerals_as_notices_write_them() -> None:
    assert [to_int(t) for t in ("三", "十四", "二十九", "两", "一百零二", "")] == [3, 14, 29, 2, 102, None]
    assert to_int("方面") is None


def test_gb2312_label_decodes_as_gb18030() -> None:
    text = "朱镕基 陶喆 整改进展情况"  # 镕 and 喆 are outside gb2312
    assert decode_bytes(text.encode("gb18030"), "gb2312") == (text, "gb18030")
    assert decode_bytes(text.encode("utf-8"), "gb2312") == (text, "utf-8")
    html = b'<meta http-equiv="Content-Type" content="text/html; charset=gb2312">' + text.encode("gb18030")
    assert decode_bytes(html)[1] == "gb18030"


@pytest.mark.parametrize(
    "data", [b"\x80\x81\xfe\xff\xc0\xc1\x90\x91\x92", b"\xff\xfe\xfd\x80\x81\x82\xc0\xc1", b"abc\x00\x01\x02"]
)
def test_undecodable_bytes_are_refused(data: bytes) -> None:
    with pytest.raises(UndecodableError):
        decode_bytes(data)


def test_parser_version_follows_the_parsers_source(tmp_path: Path) -> None:
    package = Path(parse_package.__file__).parent
    copy = tmp_path / "parse"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert source_version(copy) == PARSER_VERSION
    (copy / "claims.py").write_text((copy / "claims.py").read_text(encoding="utf-8") + "\n# a fix\n", encoding="utf-8")
    assert source_version(copy) != PARSER_VERSION


# The cleaning steps sped up for the throughput target: each against the obvious slow form.
_PAGE_CHROME = [
    "当前位置：首页 > 巡察工作",
    "浏览次数：128",
    "字号：【大 中 小】",
    "【打印本页】 【关闭窗口】",
    "上一篇：关于开展…",
    "来源：市委巡察办",
    "发布时间：2024-03-15 10:20",
    "   ",
    "简体 繁體 English",
]
_NOTICE_LINES = [
    "一、提高政治站位，扎实推进整改",
    "截至目前，已完成整改26个，基本完成3个。",
    "来源于群众的诉求得到回应。",
    "",
]


def test_chrome_lines_are_told_from_notice_lines() -> None:
    from dagster_project.parse.clean import is_chrome_line, strip_chrome_lines

    assert [is_chrome_line(line) for line in _PAGE_CHROME] == [True] * len(_PAGE_CHROME)
    assert [is_chrome_line(line) for line in _NOTICE_LINES] == [False] * len(_NOTICE_LINES)
    assert strip_chrome_lines("\n".join(_PAGE_CHROME + _NOTICE_LINES)) == ("\n".join(_NOTICE_LINES), False)


def test_adverts_need_two_sales_words_or_a_tag() -> None:
    from dagster_project.parse.clean import is_advert, strip_chrome_lines

    assert is_advert("开通SVIP会员，一键下载全文")
    assert is_advert("【公文素材库】")
    assert not is_advert("关注公众号获取更多")  # one sales word is not an advert
    assert not is_advert("全体党员会议")
    text = "整改工作有序推进。\n加客服微信号，代笔接单\n关注公众号"
    assert strip_chrome_lines(text) == ("整改工作有序推进。\n关注公众号", True)


@given(st.text(alphabet="（）：．％－∶﹝﹞０１９ＡＺａｚ\r\n\u3000\xa0\u200b\u2028整改abc1", max_size=60))
def test_replacements_equal_a_plain_chain_of_replace(text: str) -> None:
    from dagster_project.parse.clean import _STORED_PAIRS, _WIDTH_PAIRS, normalise_width, stored_characters

    def chained(value: str, pairs: list[tuple[str, str]]) -> str:
        for old, new in pairs:
            value = value.replace(old, new)
        return value

    assert normalise_width(text) == chained(text, _WIDTH_PAIRS)
    assert stored_characters(text) == chained(text, _STORED_PAIRS)
    assert len(normalise_width(text)) == len(text)  # one character for one: offsets stay valid


def test_measure_items_follow_a_separator() -> None:
    from dagster_project.parse.outline import _MEASURE

    text = "一是建立台账，二是压实责任；十一是 x三是不算"
    assert [m.group(1) for m in _MEASURE.finditer(text)] == ["一", "二", "十一"]


def test_the_chrome_hint_covers_every_metadata_label() -> None:
    """_CHROME_HINT spares lines the full chrome patterns only if every line they match holds a hint
    word: a label added to _META_FIELD without its hint would let that metadata line through."""
    from dagster_project.parse.clean import _CHROME_HINT, _META_FIELD

    labels = _META_FIELD.removeprefix("(?:").removesuffix(")").split("|")
    assert len(labels) > 10
    assert [label for label in labels if not _CHROME_HINT.search(label)] == []
