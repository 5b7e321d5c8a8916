"""Text → Notice: the order of the parsing steps and the facts read from the notice's head and tail."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date

from . import clean
from .claims import read_claims
from .dates import DateMention, bare_month_day, complete, find_dates
from .model import Claims, Notice
from .outline import is_collapsed, read_outline

_TITLE_LINE = re.compile(r"关于.{0,60}?(?:通报|公告|报告|情况)|(?:巡视|巡察).{0,20}整改.{0,20}(?:通报|公告|情况)")
_TITLE_INLINE = re.compile(r"[^\s>。:]{0,50}?关于[^\s。]{0,60}?(?:的通报|的公告|的报告|情况通报)")
_COLUMN_TAG = re.compile(r"^【[^】]{1,12}】\s*")
_NOT_NOTICE_TITLE = re.compile(r"动员|进驻|反馈会|召开|启动|部署会|公告第|公示名单")
_NOTICE_BODY = re.compile(
    r"(?:现将|现就|特此|予以|将有关).{0,24}(?:整改).{0,16}(?:予以公布|公布如下|通报如下|予以通报|公告如下|向社会公布|予以公开|公开如下)"
    r"|整改(?:进展|落实)?情况(?:的)?通报"
)
_ORG_SUFFIX = re.compile(
    r"(?:委员会|党委|党组|工委|总支部?|支部|纪委|监委|纪工委|公司|集团|大学|学院|学校|医院|局|厅|办公室|政府|管委会|委|中心|研究院|研究所)$"
)
_ORG_LINE = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9()·\s]{4,60}$")
_LEVEL = re.compile(r"中央|自治区党委|省委|市委|州委|县委|区委|旗委|盟委|校党委|党委|党组")
_INSPECTOR_TAIL = re.compile(r"(?:巡视|巡察)组")
_NAME_STOP = set("的对向和及与由经在了自将把被按照根据配合接受针对于从为是后前同时年月日至到")
_AS_OF = re.compile(r"截(?:至|止)(?:到)?\s*")
_RANGE_JOIN = re.compile(r"^\s*(?:至|到|—|–|-|~|～|－|——)\s*$")
_BARE_MONTH_DAY = re.compile(r"^\s*(\d{3,4})\s*[,，]")
_SENTENCES = re.compile(r"[^。!！?？\n]+[。!！?？]?")
_PUBLISHED_LINE = re.compile(r"(?:发布日期|发布时间|发表时间|发文日期)\s*[:]\s*")


@dataclass
class _Signature:
    issuer: str | None
    signed_date: date | None
    body_end: int


def notice_id_for(body: str) -> str:
    """Stable id of a notice: the same body fetched twice or from two sites gets one id."""
    core = re.sub(r"[^\u4e00-\u9fff0-9A-Za-z]", "", body)
    return hashlib.sha256(core.encode("utf-8")).hexdigest()[:20]


def _published_in_text(text: str) -> date | None:
    for label in _PUBLISHED_LINE.finditer(text[:3000]):
        mentions = find_dates(text[label.end(): label.end() + 30])
        if mentions and mentions[0].start == 0 and mentions[0].is_full:
            return complete(mentions[0], None)[0]
    return None


def _split_title(text: str, page_title: str | None) -> tuple[str | None, str]:
    """(title, body): nothing of the notice comes before its title, so what does is page chrome."""
    if is_collapsed(text):
        match = _TITLE_INLINE.search(text[:600])
        if match:
            return clean.strip_title_prefix(match.group(0)), text[match.end():]
        return page_title, text
    lines = text.split("\n")
    for index, line in enumerate(lines[:15]):
        candidate = _COLUMN_TAG.sub("", line.strip())
        if "。" in candidate or len(candidate) > 120:
            break  # the notice's first paragraph: a title would have come before it
        if len(candidate) <= 90 and _TITLE_LINE.search(candidate) and not candidate.startswith(("按照", "根据")):
            return page_title or candidate, "\n".join(lines[index + 1:])
    if page_title:
        body = "\n".join(line for line in lines if line.strip() != page_title.strip())
        return page_title, body
    return None, text


def _strip_chrome(body: str, warnings: list[str]) -> str:
    if is_collapsed(body):
        head, rest = body[:400], body[400:]
        stripped = clean.strip_inline_chrome(head) + rest
        without_adverts = clean.strip_inline_adverts(stripped)
        adverts = without_adverts != stripped
    else:
        lines = body.split("\n")
        adverts = any(clean.is_advert(line) for line in lines)
        without_adverts = clean.strip_chrome_lines(body)
    if adverts:
        warnings.append("advert blocks removed")
    return without_adverts


def _is_org(text: str) -> bool:
    text = text.strip()
    return bool(_ORG_LINE.match(text) and _ORG_SUFFIX.search(text)) and not re.search(r"[，。,;；:]", text)


def _read_signature(body: str) -> _Signature:
    """The issuer and date under the notice; everything after them is a content farm's trailer."""
    tail_start = max(0, len(body) - 400)
    tail = body[tail_start:]
    mentions = [m for m in find_dates(tail) if m.is_full]
    for mention in reversed(mentions):
        after = tail[mention.end:].strip()
        if len(after) > 60 and "\n" in tail:
            continue
        signed, _ = complete(mention, None)
        before = tail[: mention.start]
        boundary = max(before.rfind(ch) for ch in "。!！\n")
        candidate = before[boundary + 1:].strip()
        issuer = candidate if _is_org(candidate) else None
        if issuer is None and "\n" in before[:boundary]:
            previous_line = before[:boundary].rstrip().split("\n")[-1].strip()
            if _is_org(previous_line) and not candidate:
                issuer, boundary = previous_line, before[:boundary].rstrip().rfind("\n")
        end = tail_start + (boundary + 1 if issuer else mention.start)
        return _Signature(issuer, signed, end)
    return _Signature(None, None, len(body))


def _inspector_candidates(text: str) -> list[str]:
    names = []
    for match in _INSPECTOR_TAIL.finditer(text):
        start = match.start()
        while start > 0 and match.start() - start < 20 and re.match(r"[\u4e00-\u9fff]", text[start - 1]):
            start -= 1
        run = text[start: match.end()]
        level = _LEVEL.search(run)
        if not level:
            continue
        begin = level.start()
        while begin > 0 and run[begin - 1] not in _NAME_STOP and level.start() - begin < 6:
            begin -= 1
        names.append(run[begin:])
    return names


def _choose_inspector(text: str, warnings: list[str]) -> str | None:
    names = _inspector_candidates(text)
    if not names:
        return None

    def score(name: str) -> tuple[bool, bool, int, int]:
        damaged = bool(re.search(r"第(?=巡|轮|组)", name))
        specific = bool(re.search(r"第[一二三四五六七八九十\d]+|专项|联动|提级|机动|交叉", name))
        return (not damaged, specific, names.count(name), -names.index(name))

    best = max(dict.fromkeys(names), key=score)
    damaged = [n for n in dict.fromkeys(names) if re.search(r"第(?=巡|轮|组)", n)]
    if damaged:
        warnings.append(f"inspector name damaged in the text ({'、'.join(damaged)}); used {best}")
    return best


def _describe(mention: DateMention, text: str) -> str:
    return text[mention.start: mention.end]


@dataclass
class _Dates:
    inspection_start: date | None = None
    inspection_end: date | None = None
    feedback_date: date | None = None


def _complete_noted(mention: DateMention, anchor: date | None, source: str, role: str, warnings: list[str]) -> date | None:
    value, problem = complete(mention, anchor)
    written = _describe(mention, source)
    if problem:
        warnings.append(f"{role} “{written}” not read: {problem}")
    elif mention.repaired and value:
        warnings.append(f"{role} “{written}” had lost 年/月 in copying; read as {value.isoformat()}")
    return value


def _read_intro_dates(intro: str, fallback_anchor: date | None, warnings: list[str]) -> _Dates:
    found = _Dates()
    anchor: date | None = None
    period_done = feedback_done = False
    for sentence_match in _SENTENCES.finditer(intro):
        sentence = sentence_match.group(0)
        mentions = find_dates(sentence)
        used: set[int] = set()
        if not period_done and re.search("巡视|巡察", sentence) and mentions:
            for first, second in zip(mentions, mentions[1:]):
                if _RANGE_JOIN.match(sentence[first.end: second.start]):
                    start_anchor = None if first.year else _year_anchor(first, fallback_anchor, warnings)
                    found.inspection_start = _complete_noted(first, start_anchor, sentence, "inspection start", warnings)
                    anchor = found.inspection_start or anchor
                    found.inspection_end = _complete_noted(second, anchor, sentence, "inspection end", warnings)
                    anchor = found.inspection_end or anchor
                    used |= {id(first), id(second)}
                    period_done = True
                    break
        if not feedback_done and "反馈" in sentence:
            rest = [m for m in mentions if id(m) not in used]
            if rest:
                first_anchor = anchor or (None if rest[0].year else _year_anchor(rest[0], fallback_anchor, warnings))
                found.feedback_date = _complete_noted(rest[0], first_anchor, sentence, "feedback date", warnings)
                feedback_done = True
            elif not mentions and (bare := _BARE_MONTH_DAY.match(sentence)) and anchor:
                mention = bare_month_day(bare.group(1), None)
                if mention is not None:
                    mention = DateMention(bare.start(1), bare.end(1), None, mention.month, mention.day,
                                          repaired=True, ambiguous=mention.ambiguous)
                    found.feedback_date = _complete_noted(mention, anchor, sentence, "feedback date", warnings)
                    feedback_done = True
        if found.feedback_date:
            anchor = found.feedback_date
        if period_done and feedback_done:
            break
    return found


def _year_anchor(mention: DateMention, fallback: date | None, warnings: list[str]) -> date | None:
    """A year-less first date takes the year of the signature/publication date, or the one before."""
    if fallback is None:
        return None
    warnings.append("year of the inspection dates not written; taken from the notice's own date")
    candidate_year = fallback.year
    if mention.month is not None and mention.month > fallback.month:
        candidate_year -= 1
    return date(candidate_year, 1, 1)


def _read_as_of(text: str, anchor: date | None, warnings: list[str]) -> date | None:
    for match in _AS_OF.finditer(text):
        window = text[match.end(): match.end() + 24]
        mentions = find_dates(window)
        if mentions and mentions[0].start == 0:
            return _complete_noted(mentions[0], anchor, window, "as-of date", warnings)
    return None


def _inspection_kind(title: str | None, inspector: str | None, body: str) -> str | None:
    for source in (inspector, title):
        if source:
            kinds = re.findall("巡视|巡察", source)
            if kinds:
                return kinds[-1]
    visits, patrols = body.count("巡视"), body.count("巡察")
    if visits == patrols == 0:
        return None
    return "巡视" if visits > patrols else "巡察"


def _is_rectification_notice(title: str | None, body: str) -> bool:
    if title and _NOT_NOTICE_TITLE.search(title) and "整改" not in title:
        return False
    if title and "整改" in title and re.search("巡视|巡察", title):
        return True
    return bool(_NOTICE_BODY.search(body)) and body.count("整改") >= 5


def parse_text(text: str, page_title: str | None = None, published_date: date | None = None) -> Notice:
    """Every fact of a notice's text; counts as written, repairs and doubts listed in `warnings`."""
    warnings: list[str] = []
    text = clean.normalise_width(text)
    unmarked = clean.remove_paid_markers(text)
    if unmarked != text:
        warnings.append("pay-wall markers (##paidbegin## …) removed")
    text, restored = clean.unmask_party(unmarked)
    if restored:
        warnings.append(f"党 restored where masked as D ({restored} places)")
    text = clean.tidy_whitespace(text)
    if published_date is None:
        published_date = _published_in_text(text)
    if page_title:
        page_title = clean.unmask_party(clean.remove_paid_markers(clean.normalise_width(page_title)))[0].strip()
    title, body = _split_title(text, page_title)
    body = _strip_chrome(body, warnings).strip()
    signature = _read_signature(body)
    body = body[: signature.body_end].strip()
    issuer = signature.issuer
    if issuer is None and title and "关于" in title:
        head = title.split("关于")[0].strip()
        if _is_org(head):
            issuer = head
            warnings.append("issuer not signed at the end; taken from the title")
    is_notice = _is_rectification_notice(title, body)
    notice = Notice(
        title=title, issuer=issuer, published_date=published_date, signed_date=signature.signed_date,
        is_rectification_notice=is_notice, notice_id=notice_id_for(body),
    )
    outline = read_outline(body, warnings)
    intro = "\n".join(outline.preamble)
    notice.inspector = _choose_inspector(intro or body[:3000], warnings)
    notice.inspection_kind = _inspection_kind(title, notice.inspector, body)  # type: ignore[assignment]
    outside_problems = "\n".join(outline.other_lines)
    dates = _read_intro_dates(intro or body[:3000], signature.signed_date or published_date, warnings)
    notice.inspection_start, notice.inspection_end = dates.inspection_start, dates.inspection_end
    notice.feedback_date = dates.feedback_date
    notice.as_of_date = _read_as_of(outside_problems, dates.feedback_date or dates.inspection_end, warnings)
    if is_notice:
        notice.claims, notice.extra_claims = read_claims(outside_problems, warnings)
        notice.categories, notice.issues = outline.categories, outline.issues
        if not notice.issues:
            warnings.append("no numbered problems found in the body")
    else:
        notice.claims = Claims()
    notice.warnings = warnings
    return notice
