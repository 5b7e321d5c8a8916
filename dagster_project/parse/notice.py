"""Text → Notice: the order of the parsing steps and the facts read from the notice's head and tail."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass
from datetime import date

from . import clean
from .claims import read_claims
from .dates import DateMention, bare_month_day, complete, find_dates
from .detect import detect
from .header import HEADER_LINES, PUBLISHED_LABEL, header_lines, published_in_lines
from .model import HEADER_FIELDS, Evidence, Notice
from .outline import is_collapsed, read_outline
from .script import looks_traditional, to_simplified

_TITLE_LINE = re.compile(r"关于.{0,60}?(?:通报|公告|报告|情况)|(?:巡视|巡察).{0,20}整改.{0,20}(?:通报|公告|情况)")
_TITLE_INLINE = re.compile(r"[^\s>。:]{0,50}?关于[^\s。]{0,60}?(?:的通报|的公告|的报告|情况通报)")
_COLUMN_TAG = re.compile(r"^【[^】]{1,12}】\s*")
_ID_CHARS = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]+")
_INTRO_CHARS = 3000  # where a notice without a preamble states its inspection and feedback
_ORG_SUFFIX = re.compile(
    r"(?:委员会|党委|党组|工委|总支部?|支部|纪委|监委|纪工委|公司|集团|大学|学院|学校|医院|局|厅|办公室|政府|管委会|委|中心|研究院|研究所)$"
)
_ORG_LINE = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9()·\s]{4,60}$")
_AS_OF = re.compile(r"截(?:至|止)(?:到)?\s*")
_AS_OF_BEFORE = re.compile(r"截(?:至|止)(?:到)?\s*$")
_RANGE_JOIN = re.compile(r"^\s*(?:至|到|—|–|-|~|～|－|——)\s*$")
_BARE_MONTH_DAY = re.compile(r"^\s*(\d{3,4})\s*[,，]")
_SENTENCES = re.compile(r"[^。!！?？\n]+[。!！?？]?")


@dataclass
class _Signature:
    issuer: str | None
    signed_date: date | None
    body_end: int
    date_text: str | None = None


def notice_id_for(body: str) -> str:
    """Stable id of a notice: the same body fetched twice or from two sites gets one id."""
    core = "".join(_ID_CHARS.findall(body))  # findall is faster than sub on Chinese text
    return hashlib.sha256(core.encode("utf-8")).hexdigest()[:20]


# Not a title: breadcrumbs, a sharing site's page suffix, a media headline's verbs.
_NOT_TITLE = re.compile(
    r">|当前位置|所在位置|您的位置|范文|网站|门户"
    r"|^[一二三四五六七八九十]{1,3}、|^\([一二三四五六七八九十\d]{1,3}\)|^\d{1,2}[.、]"  # a heading of the body
)
_PAGE_SUFFIX = re.compile(r"\s*(?:[_\-–—|]\s*)?第\s*\d{1,3}\s*页\s*$")
_NEWS_VERB = re.compile(r"公布|召开|开展|举行|晒|披露|听取|推进|发布")


# A metadata block's label before the title (• 标 题:…, 文件名称:…), and a date run on after it.
_TITLE_LABEL = re.compile(r"^[\s•·\-]*(?:标\s*题|文件名称|名\s*称|站内搜索|搜索)\s*[:]\s*")
_TITLE_DATE = re.compile(r"\s+\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$")


def _without_line_chrome(line: str) -> str:
    """A header line without a metadata label, a column tag or a sharing site's page suffix."""
    return _PAGE_SUFFIX.sub("", _COLUMN_TAG.sub("", _TITLE_LABEL.sub("", line.strip())))


def _title_line(line: str) -> str | None:
    """The line as a notice title, or None: 关于…的通报 and its kin, never a headline or breadcrumb."""
    candidate = _TITLE_DATE.sub("", _without_line_chrome(line))
    if not candidate or len(candidate) > 90 or _NOT_TITLE.search(candidate) or candidate.startswith(("按照", "根据")):
        return None
    if not _TITLE_LINE.search(candidate):
        return None
    if "关于" not in candidate and _NEWS_VERB.search(candidate):
        return None  # 某省委公布中央巡视整改情况: a media headline about the notice
    return candidate


def _split_title(text: str, page_title: str | None) -> tuple[str | None, str]:
    """(title, body): nothing of the notice comes before its title, so what does is page chrome."""
    if is_collapsed(text):
        match = _TITLE_INLINE.search(text[:600])
        if match:
            return clean.strip_title_prefix(match.group(0)), text[match.end() :]
        return page_title, text
    lines = text.split("\n")
    found: list[tuple[int, int, str]] = []  # (first line, last line, title)
    for index, line in enumerate(lines[:HEADER_LINES]):
        if "。" in line and len(line) > 60:
            # The notice's first paragraph: a title would have come before it, or starts it when
            # the page ran title and body together on one line.
            lead = _LEAD_LABEL.match(line)
            start = lead.end() if lead else 0
            inline = _TITLE_INLINE.match(line, start, start + 200)
            if inline and not found:
                title = _title_line(clean.strip_title_prefix(inline.group(0)))
                if title:
                    return title, "\n".join([line[inline.end() :], *lines[index + 1 :]])
            break
        title = _title_line(line)
        following = lines[index + 1] if index + 1 < len(lines) else ""
        broken = "关于" in line or following.strip().startswith("关于")
        if title is None and broken and len(line) < 60 and "。" not in line and "。" not in following:
            title = _title_line(line.strip() + following.strip())  # a title broken over two lines
            if title is not None:
                found.append((index, index + 1, title))
                continue
        if title is not None:
            found.append((index, index, title))
    if found:
        # 关于… titles over headlines of the same page; the first of them.
        _, _, title = min(found, key=lambda item: ("关于" not in item[2], item[0]))
        # The page's heading often repeats above the notice's own title line: the body starts after
        # the last of them.
        last = max(end for _, end, text in found if text == title)
        chosen = page_title if page_title and "关于" in page_title and "关于" not in title else title
        return chosen, "\n".join(lines[last + 1 :])
    if page_title and _title_line(page_title):
        body = "\n".join(line for line in lines if line.strip() != page_title.strip())
        return page_title, body
    return None, text


_HEADLINE_TOPIC = re.compile(r"巡视|巡察|整改|审计|督察")
_LIST_ITEM = re.compile(
    r"\s[\u4e00-\u9fff]{2,3}$|^[·•\-*]|^[一二三四五六七八九十]{1,3}、|^\(|\d{1,2}[/-]\d{1,2}$|\.\.\.|…"
)


def _headline(text: str) -> str | None:
    """A page's headline when it is no notice: the first header line about inspection or rectification
    that reads like a headline (not a sidebar item, breadcrumb, date line or site banner)."""
    for line in header_lines(text):
        line = _without_line_chrome(line)
        if (
            6 <= len(line) <= 80
            and "。" not in line
            and _HEADLINE_TOPIC.search(line)
            and not _NOT_TITLE.search(line)
            and not _LIST_ITEM.search(line)
            and not clean.is_chrome_line(line)
            and not PUBLISHED_LABEL.search(line[:12])
            and not find_dates(line[:12])
            and len(re.findall(r"[\u4e00-\u9fff]", line)) >= 6
        ):
            return line
    return None


def _strip_chrome(body: str, warnings: list[str]) -> str:
    if is_collapsed(body):
        head, rest = body[:400], body[400:]
        stripped = clean.strip_inline_chrome(head) + rest
        without_adverts = clean.strip_inline_adverts(stripped)
        adverts = without_adverts != stripped
    else:
        without_adverts, adverts = clean.strip_chrome_lines(body)
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
        after = tail[mention.end :].strip()
        if len(after) > 60 and "\n" in tail:
            continue
        signed, _ = complete(mention, None)
        before = tail[: mention.start]
        boundary = max(before.rfind(ch) for ch in "。!！\n")
        candidate = before[boundary + 1 :].strip()
        issuer = candidate if _is_org(candidate) else None
        if issuer is None and "\n" in before[:boundary]:
            previous_line = before[:boundary].rstrip().split("\n")[-1].strip()
            if _is_org(previous_line) and not candidate:
                issuer, boundary = previous_line, before[:boundary].rstrip().rfind("\n")
        # A signature date stands under the issuer or on a line of its own; 截至2024年8月20日 near
        # the end of a notice cut short is the summary's date, not a signature.
        if issuer is None and before[before.rfind("\n") + 1 :].strip():
            continue
        end = tail_start + (boundary + 1 if issuer else mention.start)
        return _Signature(issuer, signed, end, tail[mention.start : mention.end])
    return _Signature(None, None, len(body))


_GROUP_NUMBER = r"[一二三四五六七八九十百零〇\d]{1,4}"
_STOP_CHARS = "的对向和及与由经在了自将把被按照根据配合接受针对于从为是后前同时年月日至到落实召开各等个代表"
_INSPECTOR = re.compile(
    rf"(?:{_GROUP_NUMBER}届)?"  # 九届, 十五届
    rf"(?:[^\s{_STOP_CHARS}\W\d]{{2,4}}(?=(?:省委|市委|州委|地委|县委|区委|旗委)))?"  # a place: 岳阳, 鹭洲
    r"(?:中央|省委|自治区党委|市委|州委|地委|县委|区委|旗委|盟委|党工委|工委|院党组|校党委|集团公司党委|公司党委|党委|党组)"
    rf"(?:第{_GROUP_NUMBER}轮(?:巡视|巡察)?)?"
    rf"(?:[^\s{_STOP_CHARS}巡\W\d]|[()]){{0,14}}?"  # what kind: 园区专项, 上下联动乡村振兴专项, 提级(交叉)
    rf"(?:第?{_GROUP_NUMBER}(?:[、,]第?{_GROUP_NUMBER})*(?:至第?{_GROUP_NUMBER})?)?"
    rf"(?:巡视|巡察)(?:{_GROUP_NUMBER})?组"
)
_SPECIFIC = re.compile(r"第[一二三四五六七八九十\d]+|[巡视察][一二三四五六七八九十\d]+组|专项|联动|提级|机动|交叉")
_DAMAGED = re.compile(r"第(?=巡|轮|组)")
# A higher group the notice's inspector worked with (配合省委第十一巡视组) is not its inspector.
_ASSISTED = re.compile(r"(?:配合|协助|陪同)\s*$")


# Names end in 巡视组/巡察组/巡察N组: the full pattern is tried only just before such an ending, which
# keeps the search linear in the text (the pattern's optional prefixes would try every position).
_INSPECTOR_END = re.compile(rf"(?:巡视|巡察)(?:{_GROUP_NUMBER})?组")
_INSPECTOR_AT_END = re.compile(rf"(?:{_INSPECTOR.pattern})$")
_NAME_WINDOW = 48


def _inspector_candidates(text: str) -> list[str]:
    names = []
    for ending in _INSPECTOR_END.finditer(text):
        window_start = max(0, ending.end() - _NAME_WINDOW)
        match = _INSPECTOR_AT_END.search(text, window_start, ending.end())
        if match is None:
            # A group named by its number alone (…第二巡察组、第五巡察组分别…; a repost's 第二巡察组).
            match = _BARE_GROUP.search(text, window_start, ending.end())
        if match and not _ASSISTED.search(text[max(0, match.start() - 4) : match.start()]):
            names.append(match.group(0))
    return names


# A repost's lead-in before the notice it runs together with its title: 核心提示:中共…的通报根据….
_LEAD_LABEL = re.compile(r"^\s*(?:核心提示|内容提要|内容摘要|摘要|导读)\s*[:]\s*")
_DOCUMENT_NAME = re.compile(r"《[^》\n]{0,100}》")
_BARE_GROUP = re.compile(rf"(?:(?<=[,，、。;；:\s“(])|^)第{_GROUP_NUMBER}(?:巡视|巡察)组$")
_GROUP_KEY = re.compile(
    rf"第?({_GROUP_NUMBER}(?:[、,]第?{_GROUP_NUMBER})*(?:至第?{_GROUP_NUMBER})?)(?:巡视|巡察)组$"
    rf"|(?:巡视|巡察)({_GROUP_NUMBER})组$"
)


def _group_key(name: str) -> str:
    """Which group a name denotes: 县委巡察二组 and 十五届县委第四轮巡察二组 are one group (二)."""
    match = _GROUP_KEY.search(name)
    return (match.group(1) or match.group(2)) if match else name


def _choose_inspector(text: str, kind: str | None, warnings: list[str]) -> str | None:
    """The most specific well-formed group name; null when two different groups are named alike, or
    when only a committee's groups are named without saying which (市委巡察组)."""
    candidates = _inspector_candidates(_DOCUMENT_NAME.sub("", text))
    names = [n for n in candidates if _SPECIFIC.search(n)]
    if not names:
        return None

    def score(name: str) -> tuple[bool, bool, bool, int, int]:
        same_kind = kind is None or kind in name
        return (
            not _DAMAGED.search(name),
            same_kind,
            bool(_SPECIFIC.search(name)),
            names.count(name),
            -names.index(name),
        )

    ranked = sorted(dict.fromkeys(names), key=score, reverse=True)
    best = ranked[0]
    rival = next(
        (
            n
            for n in ranked[1:]
            if not _DAMAGED.search(n) and score(n)[:4] == score(best)[:4] and _group_key(n) != _group_key(best)
        ),
        None,
    )
    if rival is not None:
        warnings.append(f"two inspecting groups named alike ({best}, {rival}); inspector left null")
        return None
    # The fullest way the notice writes this group: 九届市委第三巡察组 over 市委第三巡察组.
    same = [
        n
        for n in dict.fromkeys(names)
        if _group_key(n) == _group_key(best) and not _DAMAGED.search(n) and (kind is None or kind in n)
    ]
    best = max(same, key=lambda n: (n.endswith(best) or best in n, len(n))) if same else best
    damaged = [n for n in dict.fromkeys(candidates) if _DAMAGED.search(n)]
    if damaged:
        warnings.append(f"inspector name damaged in the text ({'、'.join(damaged)}); used {best}")
    return best


def _describe(mention: DateMention, text: str) -> str:
    return text[mention.start : mention.end]


@dataclass
class _Dates:
    inspection_start: date | None = None
    inspection_end: date | None = None
    feedback_date: date | None = None
    sources: dict[str, str] = dataclasses.field(default_factory=dict)  # field → the sentence it was read from


def _complete_noted(
    mention: DateMention, anchor: date | None, source: str, role: str, warnings: list[str]
) -> date | None:
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
                if _RANGE_JOIN.match(sentence[first.end : second.start]):
                    start_anchor = None if first.year else _year_anchor(first, fallback_anchor, warnings)
                    found.inspection_start = _complete_noted(
                        first, start_anchor, sentence, "inspection start", warnings
                    )
                    anchor = found.inspection_start or anchor
                    found.inspection_end = _complete_noted(second, anchor, sentence, "inspection end", warnings)
                    anchor = found.inspection_end or anchor
                    found.sources.update(inspection_start=sentence, inspection_end=sentence)
                    used |= {id(first), id(second)}
                    period_done = True
                    break
        if not feedback_done and "反馈" in sentence:
            # 截至…反馈的N个问题 dates the summary, not the feedback.
            rest = [
                m
                for m in mentions
                if id(m) not in used and not _AS_OF_BEFORE.search(sentence[max(0, m.start - 3) : m.start])
            ]
            if len(rest) >= 2 and _RANGE_JOIN.match(sentence[rest[0].end : rest[1].start]):
                # 5月23日至25日…分别反馈: feedback over several days has no one feedback date.
                warnings.append(
                    f"feedback given over several days ({sentence[rest[0].start : rest[1].end]}); date left null"
                )
                feedback_done = True
            elif rest:
                # The day nearest before 反馈 (a month-only period earlier in the sentence is not it).
                said_at = sentence.find("反馈")
                days = [m for m in rest if m.day is not None or m.ambiguous]
                before = [m for m in days if m.start < said_at]
                chosen = before[-1] if before else (days[0] if days else rest[0])
                first_anchor = anchor or (None if chosen.year else _year_anchor(chosen, fallback_anchor, warnings))
                found.feedback_date = _complete_noted(chosen, first_anchor, sentence, "feedback date", warnings)
                found.sources["feedback_date"] = sentence
                feedback_done = True
            elif not mentions and (bare := _BARE_MONTH_DAY.match(sentence)) and anchor:
                mention = bare_month_day(bare.group(1), None)
                if mention is not None:
                    mention = DateMention(
                        bare.start(1),
                        bare.end(1),
                        None,
                        mention.month,
                        mention.day,
                        repaired=True,
                        ambiguous=mention.ambiguous,
                    )
                    found.feedback_date = _complete_noted(mention, anchor, sentence, "feedback date", warnings)
                    found.sources["feedback_date"] = sentence
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


# A summary's 截至 sentence holds a count and a status: 已完成整改26个, 整改完成率89.65%.
_SUMMARY_WORDS = re.compile(
    r"(?:完成|到位|推进|销号|办结|长期坚持|正在整改)[^。;；]{0,12}?[\d一二三四五六七八九十]+\s*(?:个|项|条|件)"
    r"|[\d一二三四五六七八九十]+\s*(?:个|项|条|件)[^。;；]{0,12}?(?:完成|到位|推进|销号|办结|长期坚持|正在整改)"
    r"|整改率|完成率"
)


def _read_as_of(text: str, anchor: date | None, warnings: list[str]) -> tuple[date, str] | None:
    """The 截至/截止 day of the summary, with the words it was read from; a 截至 that dates
    something else (截至…先后8次专题研究) is not the summary's."""
    for match in _AS_OF.finditer(text):
        window = text[match.end() : match.end() + 24]
        mentions = find_dates(window)
        sentence_end = min((i for i in (text.find(c, match.end()) for c in "。;；\n") if i >= 0), default=len(text))
        if mentions and mentions[0].start == 0 and _SUMMARY_WORDS.search(text, match.end(), sentence_end):
            value = _complete_noted(mentions[0], anchor, window, "as-of date", warnings)
            return (value, text[match.start() : match.end() + mentions[0].end]) if value else None
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


_ACROSS_LINES_MAX = 200  # a snippet looked for with line breaks allowed inside (titles, metadata)
_MIN_QUOTE_CHARS = 8  # the shortest tail of a sentence still worth quoting past blanked chrome
_SEVERAL_GROUPS = re.compile(r"\s*\((?:第[^)]{0,6}至|[^)]{0,12}、)")  # …专项巡视组(第一至第七巡视组)


class _Quotes:
    """Evidence: where in the reading form (and so in the stored text) each fact was read."""

    def __init__(self, text: str, reading: str) -> None:
        self.text, self.reading = text, reading
        self.spans: dict[str, tuple[int, int]] = {}

    def locate(self, snippet: str | None, last: bool = False) -> tuple[int, int] | None:
        snippet = (snippet or "").strip()
        if not snippet:
            return None
        start = self.reading.rfind(snippet) if last else self.reading.find(snippet)
        return (start, start + len(snippet)) if start >= 0 else None

    def locate_across_lines(self, snippet: str) -> tuple[int, int] | None:
        """A title broken over two lines: the snippet with white space allowed between characters."""
        chars = [re.escape(char) for char in snippet if not char.isspace()]
        match = re.search(r"\s*".join(chars), self.reading) if chars else None
        return match.span() if match else None

    def add(self, field: str, snippet: str | None, last: bool = False) -> bool:
        span = self.locate(snippet, last)
        if span is None and snippet and len(snippet) <= _ACROSS_LINES_MAX:
            span = self.locate_across_lines(snippet)
        if span is None and snippet and " " in snippet.strip():
            # Inline page chrome was blanked out of a collapsed page's head: quote the sentence
            # from where the stored text agrees again (its words after the last blanked field).
            words = snippet.strip().split(" ")
            for cut in range(1, len(words)):
                rest = " ".join(words[cut:])
                if len(rest) < _MIN_QUOTE_CHARS:
                    break
                span = self.locate(rest, last)
                if span is not None:
                    break
        if span is not None:
            self.spans[field] = span
        return span is not None

    def written(self, field: str) -> str | None:
        """The quoted value as the notice writes it (its own script and width)."""
        span = self.spans.get(field)
        return "".join(self.text[span[0] : span[1]].split("\n")) if span else None

    def evidence(self) -> dict[str, Evidence]:
        return {field: Evidence(text=self.text[a:b], start=a, end=b) for field, (a, b) in sorted(self.spans.items())}


def clean_text(text: str, warnings: list[str]) -> str:
    """The stored text of a notice: what copying and content farms added is gone, the writing kept."""
    text = clean.stored_characters(text)
    text, had_markup = clean.decode_markup(text)
    if had_markup:
        warnings.append("HTML entities or tags in the text decoded")
    unmarked = clean.remove_paid_markers(text)
    if unmarked != text:
        warnings.append("pay-wall markers (##paidbegin## …) removed")
    text, glosses = clean.remove_glosses(unmarked)
    if glosses:
        warnings.append(f"pinyin glosses inside words removed ({glosses} places)")
    text, restored = clean.unmask_party(text)
    if restored:
        warnings.append(f"党 restored where masked as D ({restored} places)")
    text, spam = clean.drop_spam_lines(text)
    if spam:
        warnings.append(f"spam lines of a sharing site removed ({spam})")
    return clean.tidy_whitespace(text)


def reading_form(text: str, warnings: list[str]) -> str:
    """What the patterns read: ASCII digits and punctuation, simplified script; same length as `text`."""
    reading = clean.normalise_width(text)
    if looks_traditional(reading):
        reading = to_simplified(reading)
        warnings.append("traditional script read as simplified")
    return reading


_NOTICE_ONLY_FIELDS = (
    "issuer",
    "inspection_start",
    "inspection_end",
    "feedback_date",
    "as_of_date",
    "signed_date",
)


def parse_text(text: str, page_title: str | None = None, published_date: date | None = None) -> Notice:
    """Every fact of a notice's text; counts as written, repairs and doubts listed in `warnings`."""
    warnings: list[str] = []
    stored = clean_text(text, warnings)
    reading = reading_form(stored, warnings)
    quotes = _Quotes(stored, reading)
    published = published_in_lines(header_lines(reading))
    if published is not None:
        published_date = published[0]
        quotes.add("published_date", published[1])
    if page_title:
        page_title = reading_form(clean_text(page_title, []), []).strip()
    title, body = _split_title(reading, page_title)
    body = _strip_chrome(body, warnings).strip()
    signature = _read_signature(body)
    body = body[: signature.body_end].strip()
    issuer = signature.issuer
    if signature.signed_date:
        quotes.add("signed_date", signature.date_text, last=True)
    if issuer:
        quotes.add("issuer", issuer, last=True)
    elif title and "关于" in title:
        head = title.split("关于")[0].strip()
        if _is_org(head):
            issuer = head
            quotes.add("issuer", head)
            warnings.append("issuer not signed at the end; taken from the title")
    if title:
        quotes.add("title", title)
    outline = read_outline(body, warnings)
    intro = "\n".join(outline.preamble)
    outside_problems = "\n".join(outline.other_lines)
    dates = _read_intro_dates(intro or body[:_INTRO_CHARS], signature.signed_date or published_date, warnings)
    if intro and not dates.sources:
        # The preamble was only page chrome (a collapsed page split before its first heading).
        dates = _read_intro_dates(body[:_INTRO_CHARS], signature.signed_date or published_date, warnings)
    inspected = dates.inspection_start or dates.inspection_end or dates.feedback_date
    inspected_year = inspected.year if inspected else None
    claim_warnings: list[str] = []  # only the reading that is kept reports its doubts
    claims, extra_claims, sources = read_claims(outside_problems, claim_warnings, inspected_year)
    if claims.is_empty() and not outline.problems_look_like_problems:
        claim_warnings = []
        claims, extra_claims, sources = read_claims("\n".join(outline.lines), claim_warnings, inspected_year)
    warnings.extend(claim_warnings)
    headline = None if title else _headline(reading)
    detection = detect(title, headline, body, claims, outline.issues)
    is_notice = detection.is_notice
    if not is_notice and title is None and headline:
        title = headline  # a page that is no notice: its headline is its own title
        quotes.add("title", title)
    notice = Notice(
        title=title,
        issuer=issuer,
        published_date=published_date,
        signed_date=signature.signed_date,
        is_rectification_notice=is_notice,
        notice_id=notice_id_for(body),
        detection=detection.reasons,
    )
    inspector = _choose_inspector(
        (title or "") + "\n" + (intro or body[:_INTRO_CHARS]), _inspection_kind(title, None, body), warnings
    )
    if inspector:
        # The fullest form the notice writes anywhere (九届市委第三巡察组 for 市委第三巡察组).
        outside_names = _DOCUMENT_NAME.sub("", body)  # not the group as a plan's 《…》 name writes it
        fuller = [
            n
            for n in _inspector_candidates(outside_names)
            if n.endswith(inspector) and re.fullmatch(rf"{_GROUP_NUMBER}届", n[: len(n) - len(inspector)])
        ]
        inspector = max(fuller, key=len, default=inspector)
    if inspector:
        quotes.add("inspector", inspector)
    notice.inspector = inspector
    notice.inspection_kind = _inspection_kind(title, inspector, body)  # type: ignore[assignment]
    if notice.inspection_kind:
        for source in (inspector, title):
            if source and notice.inspection_kind in source:
                quotes.add("inspection_kind", source)
                break
        else:
            quotes.add("inspection_kind", notice.inspection_kind)
    notice.inspection_start, notice.inspection_end = dates.inspection_start, dates.inspection_end
    notice.feedback_date = dates.feedback_date
    for field, sentence in dates.sources.items():
        quotes.add(field, sentence)
    as_of = _read_as_of(outside_problems, dates.feedback_date or dates.inspection_end, warnings)
    if as_of is not None:
        notice.as_of_date = as_of[0]
        quotes.add("as_of_date", as_of[1])
    if is_notice:
        notice.claims, notice.extra_claims = claims, extra_claims
        for field, sentence in sources.items():
            quotes.add(f"claims.{field}", sentence)
        notice.categories, notice.issues = outline.categories, outline.issues
        if not notice.issues:
            warnings.append("no numbered problems found in the body")
    else:
        # A page that is not a rectification notice has no notice facts: its dates and counts are
        # someone else's (an audit, an inspection starting, a digest), and would be invented here.
        for field in _NOTICE_ONLY_FIELDS:
            setattr(notice, field, None)
            quotes.spans.pop(field, None)
        span = quotes.spans.get("inspector")
        several = span is not None and _SEVERAL_GROUPS.match(reading, span[1])
        groups = {_group_key(n) for n in _inspector_candidates(body[:_INTRO_CHARS]) if _SPECIFIC.search(n)}
        if notice.inspector and (re.search("、|至", notice.inspector) or several or len(groups) > 1):
            notice.inspector = None  # a page about several groups' work names no one inspector
        if any(reason.endswith(("audit rectification", "another kind of inspection")) for reason in detection.reasons):
            notice.inspection_kind = None  # an audit or 督察 page that mentions a 巡察 in passing
    _keep_only_quoted(notice, quotes, warnings)
    notice.text, notice.evidence = stored, quotes.evidence()
    notice.warnings = warnings
    return notice


def _keep_only_quoted(notice: Notice, quotes: _Quotes, warnings: list[str]) -> None:
    """Invent nothing: a fact without a sentence to point at is not emitted; strings as written."""
    for field in HEADER_FIELDS:
        if getattr(notice, field) is not None and field not in quotes.spans:
            warnings.append(f"{field} dropped: no evidence found in the text")
            setattr(notice, field, None)
    for field in ("title", "issuer", "inspector"):
        if getattr(notice, field) is not None:
            setattr(notice, field, quotes.written(field))
    for field, value in notice.claims.model_dump().items():
        if value is not None and f"claims.{field}" not in quotes.spans:
            warnings.append(f"claims.{field} dropped: no evidence found in the text")
            setattr(notice.claims, field, None)
    for field in list(quotes.spans):
        base, _, sub = field.partition(".")
        value = getattr(notice.claims, sub) if base == "claims" else getattr(notice, base)
        if value is None:
            quotes.spans.pop(field)
