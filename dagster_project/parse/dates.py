"""Dates as notices write them, including the ones damaged in copying.

Copies often lose the 年 and 月 characters: `202347日至66日` is 2023-04-07 to 2023-06-06,
`截至20231027日` is 2023-10-27, a signature `20231127` is 2023-11-27. Digits are re-split into
month and day only when exactly one reading gives a real date; otherwise the mention is marked
ambiguous and the caller reports null with a warning. A date without its year takes the year of
the previous full date in the text, moved on a year when it would otherwise fall before it —
notices tell events in order.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from .numerals import to_int

_CN_SMALL = "一二三四五六七八九十"
_YEAR = r"(?P<y>(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})"
_MONTH = rf"(?P<m>\d{{1,2}}|[{_CN_SMALL}]{{1,2}})"
_DAY = rf"(?P<d>\d{{1,2}}|[{_CN_SMALL}]{{1,3}})"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?![\d.])")),
    (
        "written",
        re.compile(
            rf"(?<![\d{_CN_SMALL}])(?:{_YEAR}\s*年\s*)?(?<!\d){_MONTH}\s*月\s*(?:份\s*)?"
            rf"(?:(?<!\d){_DAY}\s*[日号])?(?P<edge>底|末)?"
        ),
    ),
    ("year_only", re.compile(rf"(?<!\d){_YEAR}\s*年(?!\s*(?:\d|[{_CN_SMALL}])+\s*月)(?P<edge>底|末)?")),
    ("lost_month", re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<md>\d{1,4})\s*[日号]")),
    ("lost_year_mark", re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*[日号])?")),
    ("compact", re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?![\d.%])")),
    ("day_only", re.compile(r"(?<![\d年月.:/\-])(?P<md>\d{1,4})\s*[日号](?!\d)")),
)


@dataclass(frozen=True)
class DateMention:
    """A date as found in the text; parts it does not state are None."""

    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    repaired: bool = False
    ambiguous: bool = False
    month_end: bool = False

    @property
    def is_full(self) -> bool:
        return None not in (self.year, self.month, self.day)


def _days_in(year: int | None, month: int) -> int:
    return calendar.monthrange(year or 2024, month)[1]


def month_day_readings(digits: str, year: int | None = None) -> list[tuple[int, int]]:
    """Every (month, day) that digits whose 月 was lost can stand for: "728" → [(7, 28)]."""
    readings = []
    for cut in range(1, len(digits)):
        month_part, day_part = digits[:cut], digits[cut:]
        if len(month_part) > 2 or len(day_part) > 2 or day_part.startswith("0") and len(day_part) == 1:
            continue
        month, day = int(month_part), int(day_part)
        if 1 <= month <= 12 and 1 <= day <= _days_in(year, month):
            readings.append((month, day))
    return readings


def _mention_from_digits(start: int, end: int, year: int | None, digits: str) -> DateMention | None:
    readings = month_day_readings(digits, year)
    if len(readings) == 1:
        month, day = readings[0]
        return DateMention(start, end, year, month, day, repaired=True)
    if len(readings) > 1:
        return DateMention(start, end, year, None, None, repaired=True, ambiguous=True)
    return None


def _valid(year: int | None, month: int | None, day: int | None) -> bool:
    if month is not None and not 1 <= month <= 12:
        return False
    if day is not None and (month is None and not 1 <= day <= 31):
        return False
    if day is not None and month is not None and not 1 <= day <= _days_in(year, month):
        return False
    return year is None or 1949 <= year <= 2100


def _build(kind: str, match: re.Match[str]) -> DateMention | None:
    groups = match.groupdict()
    year = to_int(groups["y"]) if groups.get("y") else None
    start, end = match.span()
    if kind == "lost_month":
        return _mention_from_digits(start, end, year, groups["md"])
    if kind == "day_only":
        digits = groups["md"]
        if len(digits) <= 2 and 1 <= int(digits) <= 31:
            return DateMention(start, end, None, None, int(digits))
        return _mention_from_digits(start, end, None, digits)
    month = to_int(groups["m"]) if groups.get("m") else None
    day = to_int(groups["d"]) if groups.get("d") else None
    if not _valid(year, month, day):
        return None
    edge = bool(groups.get("edge"))
    return DateMention(start, end, year, month, day, repaired=kind in ("lost_year_mark", "compact"), month_end=edge)


def find_dates(text: str) -> list[DateMention]:
    """All date mentions in order; where matches overlap the earliest, then longest, wins."""
    found: list[DateMention] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            mention = _build(kind, match)
            if mention is not None:
                found.append(mention)
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[DateMention] = []
    for mention in found:
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept


def bare_month_day(digits: str, year: int | None) -> DateMention | None:
    """A sentence-initial `728,` whose 月 and 日 were both lost: month-day when only one reading fits."""
    return _mention_from_digits(0, len(digits), year, digits)


def complete(mention: DateMention, anchor: date | None) -> tuple[date | None, str | None]:
    """The calendar date of a mention, taking missing year/month from the anchor; (None, why) if unknowable."""
    if mention.ambiguous:
        return None, "ambiguous digits: more than one month/day reading"
    if mention.month is None and mention.day is None:
        return None, None
    if (mention.month is None or mention.year is None) and anchor is None:
        what = "day without month" if mention.month is None else "date without year"
        return None, f"{what} and no earlier date to take it from"
    year, month, day = mention.year, mention.month, mention.day
    if month is None:
        assert anchor is not None and day is not None
        month, year = anchor.month, year or anchor.year
        if day < anchor.day:  # a later day of the next month: 25日至3日
            month, year = month % 12 + 1, year + (month == 12)
    elif year is None:
        assert anchor is not None
        year = anchor.year
        later = (month, day or _days_in(year, month)) >= (anchor.month, anchor.day)
        year += 0 if later else 1
    if day is None:
        # A month, or its end (10月底, 年末), is no exact day: labels and analysts want days only.
        return None, ("month end is not an exact day" if mention.month_end else None)
    if not _valid(year, month, day):
        return None, "not a calendar date"
    return date(year, month, day), None
