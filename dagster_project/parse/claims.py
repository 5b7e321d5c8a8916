"""The summary counts a notice claims (29项具体问题，已完成整改26个…), read as written.

A summary sentence is cut into scopes: the headline one first, then secondary groups that
start with a scope word (立行立改, 举一反三, 自查自纠 …). Counts are never reconciled with the body.
"""

from __future__ import annotations

import re

from .model import Claims, ExtraClaims
from .numerals import NUMBER, to_int

_UNIT = r"(?:个|项|条|件|类)"
_NOUN = (
    r"(?:具体问题|突出问题|反馈问题|问题|分项任务|整改任务|具体任务|子任务|任务|整改事项|事项|小项"
    r"|整改措施|整改举措|具体措施|措施|举措)"
)
# 每一个问题 ("every problem") is not a count of one.
_COUNTED_NOUN = re.compile(rf"(?<![\d.每])({NUMBER})\s*({_UNIT}\s*{_NOUN})")
_NOUN_THEN_COUNT = re.compile(rf"({_NOUN})\s*(?:共)?\s*({NUMBER})\s*({_UNIT})(?!\s*{_NOUN})")
_ASPECTS = re.compile(rf"(?<![\d.])({NUMBER})\s*个?\s*方面")

_STATUS_TAIL = r"(?:的)?(?:具体)?(?:问题|任务|事项)?\s*(?:共|有)?\s*"
# Words a status phrase may run on with before its count: 基本完成取得阶段性成果并持续整改问题4个.
_STATUS_FILLER = r"[^\d,，;；。:()]{0,18}?"
_STATUS_PATTERNS: dict[str, tuple[re.Pattern[str], ...]] = {
    "basically_completed": (
        re.compile(
            rf"(?:基本(?:完成整改|整改完成|整改到位|完成)|阶段性完成|取得阶段性(?:成果|成效|进展))"
            rf"(?:整改)?{_STATUS_FILLER}{_STATUS_TAIL}({NUMBER})"
        ),
        re.compile(rf"({NUMBER})\s*{_UNIT}(?:问题|任务)?\s*(?:已)?(?:基本(?:完成|整改到位)|阶段性完成|取得阶段性)"),
    ),
    "not_completed": (re.compile(rf"(?:尚)?未(?:完成整改|整改完成|完成|整改到位)(?:整改)?{_STATUS_TAIL}({NUMBER})"),),
    "long_term": (
        re.compile(rf"(?:需|需要)?(?:长期整改|长期坚持|长期推进|久久为功)(?:整改)?{_STATUS_TAIL}({NUMBER})"),
        re.compile(rf"({NUMBER})\s*{_UNIT}(?:{_NOUN})?\s*(?:需|需要)?(?:长期坚持|长期整改|长期推进)"),
    ),
    "in_progress": (
        re.compile(
            rf"(?:正在推进|持续推进|正在整改|正在落实|推进中|整改中|序时推进|有序推进|持续整改|按时序推进|按序时推进)"
            rf"(?:整改)?(?:中)?{_STATUS_TAIL}({NUMBER})"
        ),
        re.compile(
            rf"({NUMBER})\s*{_UNIT}(?:{_NOUN})?\s*(?:正在|持续|按序时|序时)(?:按时序|按序时|全力|加紧|积极|有序)?(?:持续)?"
            r"(?:推进|整改)"
        ),
    ),
    "completed": (
        re.compile(
            rf"(?<!基本)(?<!未)(?:已经?|已全部)?(?:整改)?(?:完成|办结|销号|到位)(?!率)(?:整改)?{_STATUS_TAIL}({NUMBER})"
        ),
        # 21个问题已整改完成; but in 38个问题已完成整改32个 the 38 is the total, 32 the count.
        re.compile(rf"已(?:整改)?落实(?:到位)?{_STATUS_TAIL}({NUMBER})"),  # 已整改落实9个
        re.compile(rf"已整改(?!完成|到位|落实)\s*{_STATUS_TAIL}({NUMBER})"),  # 已整改 16 个
        re.compile(
            rf"({NUMBER})\s*{_UNIT}(?:{_NOUN})?\s*已(?:经)?(?:全部|如期|按期|按时)?(?:整改)?(?:完成|到位|办结)"
            rf"(?!(?:整改)?\s*(?:的)?(?:问题)?\s*(?:{NUMBER}))"
        ),
    ),
}
# "15个具体问题已全部完成整改": all of the total, a count the notice states in words.
_ALL_DONE = re.compile(
    r"(?:已|均已)?全部(?:完成整改|整改完成|整改到位|完成|办结|销号)|均已(?:完成整改|整改完成|整改到位)"
)
_FED_BACK_NOUN = re.compile(r"具体问题|反馈(?:的)?问题|指出(?:的)?问题|认领|照单全收|剖析|逐条梳理|逐项梳理")
# 4个方面12个问题,进一步梳理细化为57个具体问题: 12 were fed back, 57 is what they were split into.
_REFINED = re.compile(
    rf"({NUMBER})\s*(?:个|项|条)\s*(?:具体)?问题[^。;；]{{0,16}}?(?:细化|分解|梳理)(?:为|成|出)\s*({NUMBER})\s*(?:个|项|条)"
)
# 反馈的6个方面问题: the problems' grouping stated without their number.
_FED_BACK_BEFORE = re.compile(r"反馈|指出")
_ASPECT_PROBLEMS = re.compile(r"\s*(?:的)?(?:突出|具体)?问题")
_AS_OF_ALL_DONE = re.compile(
    r"^(?:截至|截止)(?:目前|当前|现在|通报时)?[,，]?\s*(?:已|均已)?(?:全部|均)(?:完成整改|整改完成|整改到位)"
)
_RATE = re.compile(r"完成率\s*(?:为|达|达到|是)?\s*(\d+(?:\.\d+)?)\s*%")
_MEASURES = (
    re.compile(rf"(?<!每)({NUMBER})\s*(?:项|条|个)\s*(?:具体|细化)?(?:的)?(?:整改)?(?:工作)?(?:措施|举措)"),
    re.compile(rf"(?:整改)?(?:措施|举措)\s*(?:共计?|合计)?\s*({NUMBER})\s*(?:项|条|个)"),
)
# Rules made or revised to fix the problems: 建章立制25项, 制定完善了10项制度, 新建修订制度规定65项,
# 制定完善村级财务审批、集体资产租赁等制度7项.
_RULE_VERB = r"(?:制定|完善|出台|修订|修改|建立|健全|新建|新制定|印发)"
_RULES = (
    re.compile(rf"建章立制\s*(?:共)?\s*({NUMBER})\s*(?:项|个|件|份|条)"),
    re.compile(rf"{_RULE_VERB}[^，,。;；]{{0,8}}?({NUMBER})\s*(?:项|个|件|份|条)\s*(?:规章|工作|管理)?制度"),
    re.compile(rf"{_RULE_VERB}[^，,。;；]{{0,20}}?制度(?:机制|规定|办法)?\s*({NUMBER})\s*(?:项|个|件|份|条)"),
)
_SCOPES = (
    "立行立改",
    "举一反三",
    "自查自纠",
    "移交",
    "信访",
    "问题线索",
    "专项整治",
    # other units' figures in the same sentence: villages, subordinate units, extended inspections
    "村党组织",
    "村(社区)",
    "村级",
    "延伸巡察",
    "所属单位",
    "下属单位",
    "二级单位",
)
_SCOPE_START = re.compile("|".join(_SCOPES))
_SENTENCE = re.compile(r"[^。!！?？\n]+")
_STATUS_HINT = re.compile(r"完成|推进|到位|办结|销号|长期|阶段性|正在整改")


# Idioms with 一 that count nothing: 完成一项销号一项, 措施一条不落, 问题一个不漏.
_IDIOM_AFTER_ONE = ("项销号", "个销号", "件销号", "条不落", "个不漏", "项不落", "件不落", "条不漏")


# 完成一项销号一项, 解决一个、销号一个、巩固一个: a way of working, two or more "verb 一个" in a row.
_TICK_OFF = re.compile(r"一(?:项|个|件)\s*[,，、]?\s*[\u4e00-\u9fff]{2}\s*一(?:项|个|件)")


def _is_idiom(text: str, match: re.Match[str]) -> bool:
    if match.group(1) != "一":
        return False
    near = text[max(0, match.start(1) - 10) : match.end(1) + 10]
    return text.startswith(_IDIOM_AFTER_ONE, match.end(1)) or bool(_TICK_OFF.search(near))


def _first_int(patterns: tuple[re.Pattern[str], ...], text: str) -> int | None:
    for pattern in patterns:
        for match in pattern.finditer(text):
            value = to_int(match.group(1))
            if value is not None and not _is_idiom(text, match):
                return value
    return None


def _counted_nouns(text: str) -> list[tuple[int, str]]:
    """(count, unit as written) in order: 29项具体问题 and 问题6个 alike."""
    found = [
        (m.start(), m.end(), to_int(m.group(1)), re.sub(r"\s", "", m.group(2))) for m in _COUNTED_NOUN.finditer(text)
    ]
    taken = [(start, end) for start, end, _, _ in found]
    for m in _NOUN_THEN_COUNT.finditer(text):
        if not any(start < m.end() and m.start() < end for start, end in taken):
            found.append((m.start(), m.end(), to_int(m.group(2)), m.group(3) + m.group(1)))
    found.sort()
    # 13类问题 is a grouping (like 方面), not a count of problems.
    return [(n, unit) for _, _, n, unit in found if n is not None and not unit.startswith("类")]


def _status_counts(fragment: str) -> dict[str, int]:
    """Each status's first count; one stretch of text counts for one status only
    (基本完成取得阶段性成果并持续整改问题4个 is 4 basically completed, not also 4 in progress)."""
    found = [
        (match.start(), -(match.end() - match.start()), order, status, match)
        for order, (status, patterns) in enumerate(_STATUS_PATTERNS.items())
        for pattern in patterns
        for match in pattern.finditer(fragment)
    ]
    # A status word before 的 modifies the count (需要长期整改的22项正在全力推进): when another status
    # follows the same number as its predicate, that one is the count's status.
    predicates = {m.span(1) for *_, m in found if m.start(1) == m.start()}  # the status word after the number
    found = [
        item
        for item in found
        if not (
            fragment[item[4].start(1) - 1 : item[4].start(1)] == "的"
            and item[4].start(1) > item[4].start()
            and item[4].span(1) in predicates
        )
    ]
    taken: list[tuple[int, int]] = []
    counts: dict[str, int] = {}
    for start, negative_length, _, status, match in sorted(found):
        end = start - negative_length
        if status in counts or any(start < b and a < end for a, b in taken):
            continue
        value = to_int(match.group(1))
        if _is_idiom(fragment, match):
            continue
        if value is not None:
            counts[status] = value
            taken.append((start, end))
    return counts


def read_counts(fragment: str) -> Claims:
    """Counts of one scope's fragment of a summary sentence."""
    claims = Claims()
    first_status = min(
        (m.start() for ps in _STATUS_PATTERNS.values() for p in ps if (m := p.search(fragment))),
        default=len(fragment),
    )
    scope_part = fragment[:first_status]
    nouns = _counted_nouns(scope_part)
    problem_counts = [n for n, unit in nouns if unit.endswith("问题")]
    if problem_counts:
        claims.problems = problem_counts[0]
    statuses = _status_counts(fragment)
    if nouns:
        # The total the statuses divide: the count they add up to when one does (13个问题…整改措施39条…
        # 已整改完成11个,长期整改2个 → 13), else the last count before them.
        adding_up = [(n, unit) for n, unit in nouns if n == sum(statuses.values())]
        claims.total, claims.total_unit = (adding_up or nouns)[-1]
    aspects = _ASPECTS.search(scope_part)
    if aspects:
        claims.aspects = to_int(aspects.group(1))
    for status, value in statuses.items():
        setattr(claims, status, value)
    if claims.completed is None and _ALL_DONE.search(fragment):
        claims.completed = claims.total
    rate = _RATE.search(fragment)
    if rate:
        claims.completion_rate_pct = float(rate.group(1))
        claims.completion_rate_written = rate.group(1)
    claims.measures = _first_int(_MEASURES, fragment)
    claims.rules_made = _first_int(_RULES, fragment)
    return claims


# An aside inside a count (已整改完成38个(含立行立改问题3个)) is part of that count, not a new scope.
_SCOPE_OPENING = 12
_ASIDE = re.compile(r"\((?:含|其中|包括)[^()]{0,40}\)")


def _split_scopes(sentence: str) -> list[tuple[str | None, str]]:
    """(scope, fragment) pieces: the headline fragment (scope None), then one per scope word."""
    sentence = _ASIDE.sub("", sentence)
    cuts = [0]
    for match in _SCOPE_START.finditer(sentence):
        boundary = max(sentence.rfind(p, 0, match.start()) for p in "，,；;")
        if boundary > cuts[-1] and _HAS_COUNT.search(sentence, match.start()):
            cuts.append(boundary + 1)
    pieces = [sentence[a:b] for a, b in zip(cuts, cuts[1:] + [len(sentence)])]
    result: list[tuple[str | None, str]] = []
    for index, piece in enumerate(pieces):
        # The first piece is the headline unless it opens with a scope word (立行立改问题6个…).
        region = piece[:_SCOPE_OPENING] if index == 0 else piece
        words = [w for w in _SCOPES if w in region]
        result.append(("、".join(words) or None, piece))
    return result


def _is_summary(sentence: str) -> bool:
    return (
        bool(_STATUS_HINT.search(sentence))
        and bool(_HAS_COUNT.search(sentence) or "全部" in sentence or "均已" in sentence)
        and (
            any(p.search(sentence) for ps in _STATUS_PATTERNS.values() for p in ps) or bool(_ALL_DONE.search(sentence))
        )
        and bool(_COUNTED_NOUN.search(sentence) or _NOUN_THEN_COUNT.search(sentence) or "反馈" in sentence)
    )


def _sane(claims: Claims, warnings: list[str], scope: str) -> Claims:
    if claims.aspects is not None and claims.problems is not None and claims.aspects > claims.problems:
        warnings.append(
            f"{scope}: {claims.aspects} aspects for {claims.problems} problems cannot be right; aspects left null"
        )
        claims.aspects = None
    if claims.problems is None and claims.total is not None and (claims.total_unit or "").endswith("问题"):
        claims.problems = claims.total
    return claims


# Which sentence each headline count was read from: the evidence an analyst can quote.
Sources = dict[str, str]


_STATUS_ONLY = re.compile(rf"^(?:其中)?[,，]?\s*(?:已|均已)?(?:完成整改|整改完成|整改到位)\s*{NUMBER}")


def _joined_summaries(sentences: list[str]) -> list[str]:
    """A summary cut by a full stop (…29个具体问题。已完成整改29个…) read as one sentence."""
    joined: list[str] = []
    for sentence in sentences:
        previous = joined[-1] if joined else ""
        if previous and _STATUS_ONLY.match(sentence) and _COUNTED_NOUN.search(previous) and not _is_summary(previous):
            joined[-1] = previous + "。" + sentence
        else:
            joined.append(sentence)
    return joined


def read_claims(
    text: str, warnings: list[str], inspected_year: int | None = None
) -> tuple[Claims, list[ExtraClaims], Sources]:
    """Headline and secondary claims from the non-problem text of a notice, with their sentences."""
    sentences = _joined_summaries([s.strip() for s in _SENTENCE.findall(text)])
    main = Claims()
    sources: Sources = {}
    extras: list[ExtraClaims] = []
    summary_found = False
    for sentence in sentences:
        if not _is_summary(sentence):
            continue
        for scope, fragment in _split_scopes(sentence):
            counts = read_counts(fragment)
            if counts.is_empty():
                continue
            if scope is None and not summary_found:
                main = _sane(counts, warnings, "summary")
                sources.update({field: sentence for field, value in main.model_dump().items() if value is not None})
                summary_found = True
            elif scope is not None and not any(e.scope == scope for e in extras):
                extras.append(ExtraClaims(scope=scope, **_sane(counts, warnings, scope).model_dump()))
    _fill_from_context(main, sentences, sources, inspected_year)
    if not summary_found:
        warnings.append("no summary sentence with completion counts found")
    return main, extras, sources


_ITSELF_A_STATUS = re.compile(
    rf"\s*(?:已|已经)(?:整改)?(?:完成|到位|办结|销号)(?:整改)?(?!\s*(?:的)?(?:问题)?\s*{NUMBER})"
)
_HAS_COUNT = re.compile(rf"{NUMBER}\s*(?:个|项|条|件|类|方面|份)|(?:问题|措施|举措|制度)\s*(?:共)?\s*{NUMBER}")
_LEADERS_OWN = re.compile(r"领办|包案|包抓|认领了")
_EARLIER_ROUND = re.compile(r"(?:上轮|上一轮|前一轮|首轮|上次|原)(?:巡视|巡察)?[^。，,]{0,6}(?:反馈|指出|发现)")
_LEADING_YEAR = re.compile(r"^(?:\D{0,4})((?:19|20)\d{2})年")


def _fill_from_context(main: Claims, sentences: list[str], sources: Sources, inspected_year: int | None) -> None:
    """Counts the summary sentence leaves out but another sentence of the notice states; never one
    about an earlier round (上轮巡察, or a sentence that opens with a year before this inspection)."""
    for sentence in sentences:
        if not _HAS_COUNT.search(sentence):
            continue  # most sentences state no count at all
        year = _LEADING_YEAR.match(sentence)
        if _EARLIER_ROUND.search(sentence) or (year and inspected_year and int(year.group(1)) < inspected_year):
            continue
        about_feedback = "反馈" in sentence or "巡" in sentence or _FED_BACK_NOUN.search(sentence)
        if about_feedback and not _SCOPE_START.search(sentence):
            # 共计21个问题已整改完成 counts the completed ones, not the problems (but in
            # 38个问题已完成整改32个 and 15个问题已全部完成整改 the count is the problems).
            problem_nouns = [
                m
                for m in _COUNTED_NOUN.finditer(sentence)
                if m.group(2).endswith("问题")
                and not m.group(2).startswith("类")
                and not _ITSELF_A_STATUS.match(sentence, m.end())
            ]
            # 反馈各类问题19个, but not 发现问题5个 (found by someone's own checks).
            noun_first = [
                m
                for m in _NOUN_THEN_COUNT.finditer(sentence)
                if m.group(1).endswith("问题")
                and _FED_BACK_BEFORE.search(sentence, max(0, m.start() - 8), m.start() + 1)
            ]
            refined = _REFINED.search(sentence)
            if refined and main.problems == to_int(refined.group(2)) and main.total == main.problems:
                main.problems = to_int(refined.group(1))
                sources["problems"] = sentence
            if main.problems is None and (problem_nouns or noun_first):
                first = problem_nouns[0].group(1) if problem_nouns else noun_first[0].group(2)
                main.problems = to_int(first)
                sources["problems"] = sentence
            aspects = _ASPECTS.search(sentence)
            grouped = aspects and (
                problem_nouns
                and aspects.start() < problem_nouns[0].start()
                or _ASPECT_PROBLEMS.match(sentence, aspects.end())
            )
            if main.aspects is None and grouped:
                main.aspects = to_int(aspects.group(1))  # type: ignore[union-attr]
                sources["aspects"] = sentence
        if _LEADERS_OWN.search(sentence):
            continue  # 书记带头领办4个问题9项举措: the leaders' own share, not the notice's count
        if main.measures is None and (measures := _first_int(_MEASURES, sentence)) is not None:
            main.measures = measures
            sources["measures"] = sentence
        if main.rules_made is None and (rules := _first_int(_RULES, sentence)) is not None:
            main.rules_made = rules
            sources["rules_made"] = sentence
    if main.completed is None and main.problems is not None:
        # 截至目前，已全部完成整改: no number, but plainly all of the problems the notice counted.
        done = next((s for s in sentences if _AS_OF_ALL_DONE.search(s) and not re.search(r"\d", s)), None)
        if done is not None:
            main.completed = main.problems
            sources["completed"] = done
    if main.total is None and main.problems is not None:
        # Only the number of problems is stated: the total the statuses would refer to (LABELLING).
        main.total = main.problems
        sources["total"] = sources["problems"]
    if main.aspects is not None and main.problems is not None and main.aspects > main.problems:
        main.aspects = None  # 412个方面31个问题: digits run together in copying
        sources.pop("aspects", None)
    if main.total is not None:
        sources.setdefault("total_unit", sources.get("total", ""))
    if main.completion_rate_written is not None:
        sources["completion_rate_written"] = sources.get("completion_rate_pct", "")
