"""A page's header lines and its own publication date (发布时间, 日期, 信息时间, a timestamp line …).

One reader for both a text's head (the parser) and a whole saved page (HTML extraction).
"""

from __future__ import annotations

import re
from datetime import date

from .dates import complete, find_dates

# The page's own publication line: a label and the date right after it. 成文日期 (the document's
# date), 归档时间 and 截止 dates are not publication dates.
PUBLISHED_LABEL = re.compile(
    r"(?<!成文)(?<!印发)(?<!归档)(?<!截止)(?<!截至)(?<!发文)(?:发布日期|发布时间|发表时间|信息时间|更新时间|发布于|释出于|日期|时间)"
    r"\s*[:]?\s*"
)
# A timestamp line under the title (2023-05-04 08:46:31, 2022年11月08日07:31), maybe with 来源 after it.
_TIMESTAMP_LINE = re.compile(
    r"^[\s|•·\-]*(?:https?://\S+\s+)?(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日)"
    r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?|\s*(?:\||来源|作者|编辑|浏览|点击|阅读|字号))"
)
# A header line (the title's, say) that ends with the page's date: …的通报 2025-11-20.
_TRAILING_DATE = re.compile(
    r"(?<=[\u4e00-\u9fff]{6})\s(?=\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$)"
)
# A metadata block puts the label on one line and its value on the next: • 发布日期:\n\n 2023-11-22.
_LABEL_ONLY = re.compile(r"^[\s|•·\-]*[\u4e00-\u9fff]{2,6}\s*[:]\s*$")
# A date glued to the source name: 来源:某区纪委监委2023-04-12 / 来源:市城管局 2022-03-10 11:51.
_SOURCE_DATE = re.compile(r"来源\s*[:]\s*[^\s\d|]{0,30}\s*(?=\d{4}[-/.]\d{1,2}[-/.]\d{1,2})")
# Lines of a text before its first paragraph that can still be page header.
HEADER_LINES = 15
# The first paragraph ends the header: a full stop early in a line longer than any title or
# metadata line (titles run to about 60 characters), unless the line is the publication line.
_PARAGRAPH_STOP_WITHIN = 200
_PARAGRAPH_MIN_LINE = 60
_PUBLISHED_LABEL_WITHIN = 40
# A header line is kept to this length: a metadata block run onto one line holds all it needs.
_MAX_HEADER_LINE = 400
# A publication date follows its label within this many characters (释出于: 综合2023-04-18).
_DATE_AFTER_LABEL = 30
_LABEL_GAP = r"\s*(?:为|是)?\s*[:]?\s*[\u4e00-\u9fff]{0,4}\s*"


def header_lines(text: str) -> list[str]:
    """The page's lines before the notice's first paragraph: title, breadcrumbs, publication line.

    A label alone on its line is joined to the value on the next line (metadata blocks)."""
    lines: list[str] = []
    pending_label = ""
    for line in text.split("\n")[: 2 * HEADER_LINES]:
        if (
            "。" in line[:_PARAGRAPH_STOP_WITHIN]
            and len(line) > _PARAGRAPH_MIN_LINE
            and not PUBLISHED_LABEL.search(line[:_PUBLISHED_LABEL_WITHIN])
        ):
            break
        if _LABEL_ONLY.match(line):
            pending_label = line.strip()
            continue
        lines.append((pending_label + " " + line.strip() if pending_label else line)[:_MAX_HEADER_LINE])
        pending_label = ""
    return lines


def published_in_lines(lines: list[str]) -> tuple[date, str] | None:
    """(day, the line or field it was read from) of the first publication line among `lines`."""
    for line in lines:
        for label in PUBLISHED_LABEL.finditer(line):
            mentions = find_dates(line[label.end() : label.end() + _DATE_AFTER_LABEL])
            between = line[label.end() : label.end() + mentions[0].start] if mentions else ""
            # 释出于: 综合2023-04-18, 来源时间为:2023-03-25: a few words may stand between.
            if mentions and mentions[0].is_full and (len(between) <= 1 or re.fullmatch(_LABEL_GAP, between)):
                end = label.end() + mentions[0].end
                return complete(mentions[0], None)[0], line[label.start() : end]  # type: ignore[return-value]
        glued = _SOURCE_DATE.search(line)
        timestamp = _TIMESTAMP_LINE.match(line)
        trailing = _TRAILING_DATE.search(line)
        for match in (timestamp, glued, trailing):
            if match:
                start = 0 if match is timestamp else match.end()
                mentions = [m for m in find_dates(line[start:]) if m.is_full]
                if mentions:
                    return complete(mentions[0], None)[0], line[: start + mentions[0].end]  # type: ignore[return-value]
    return None
