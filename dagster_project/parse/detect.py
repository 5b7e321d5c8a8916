"""Is this text a rectification notice? Decided from several signals, each named in `reasons`.

A notice is a body's own report on rectifying what a 巡视/巡察 fed back. No single phrase decides:
closing clauses vary (予以公布, 予以通报, 通报如下, 报告如下, 公开如下, 向社会公开, none), and many
pages show neither title nor closing clause in their first screen. So the text must name the
inspection and rectification and show at least one of: a notice title, a closing clause, a summary
of counts, the problem/measure structure — and show none of the marks of the look-alikes (audit
rectification, an inspection starting, a feedback meeting, supervision of others, a digest, rules).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Claims, Issue

_HEAD_CHARS = 4000
_MIN_RECTIFICATION_WORDS = 2  # 整改 at least twice: a notice about rectification says it often
_KIND = re.compile(r"巡视|巡察")
_TITLE = re.compile(
    r"(?:巡视|巡察|回头看).{0,40}?(?:整改|整治|整改落实|落实).{0,24}?(?:通报|报告|公告|公示|情况|公开)"
    r"|(?:整改|整治).{0,20}?(?:巡视|巡察).{0,30}?(?:通报|报告|公告|情况)"
)
_CLOSING = re.compile(
    r"(?:予以|现予|特此|现将|现就|将有关).{0,40}?(?:公布|通报|公开|公告|报告)"
    r"|(?:通报|报告|公开|公布|公告)如下|整改(?:进展|落实)?情况如下|向社会(?:公开|公布)|接受(?:干部群众|社会|广大干部群众)(?:的)?监督"
)
_PROGRESS = re.compile(r"整改(?:进展|落实|工作|情况|成效|完成)|集中整改|已完成整改|已整改|整改到位")
_FEEDBACK = re.compile(r"反馈|巡视意见|巡察意见|指出的问题|发现的问题|交办")
_STRUCTURE = re.compile(
    r"关于“[^”\n]{2,60}”(?:方面)?(?:的)?问题的整改|整改(?:情况|措施|进展|成效)\s*[:]|已(?:完成)?整改(?:完成)?的问题"
)
# Marks of the look-alikes: (reason, in a title or headline, in the opening sentence of a page
# without a notice title). The opening patterns are narrower: a notice's own first sentence names
# 《巡视工作条例》, lists units (区审计局) and their number, so only unmistakable words count there.
_NOT_NOTICE: tuple[tuple[str, re.Pattern[str], re.Pattern[str] | None], ...] = (
    (
        "audit rectification",
        re.compile(r"审计(?:查出|发现|工作报告|整改|意见|报告)|被审计单位|审计署|审计厅|审计局"),
        re.compile(r"审计(?:查出|发现|工作报告|整改)|被审计单位"),
    ),
    (
        "an inspection starting",
        re.compile(r"进驻|动员会|动员大会|动员部署|举报电话|受理信访|信访举报|来信来电来访"),
        None,
    ),
    (
        "a feedback meeting",
        re.compile(
            r"反馈会|向.{1,30}?反馈|(?:反馈|通报)(?:了)?(?:巡视|巡察)(?:情况|意见)(?:会)?$|情况反馈会议|召开.{0,10}反馈"
        ),
        None,
    ),
    (
        "supervision of others' rectification",
        re.compile(r"督查|督导|督察|评估|回访|抽查|检查组|调研"),
        re.compile(
            r"(?:进行|开展)(?:了)?(?:回访)?(?:督查|督导|调研督查|专项检查|评估)|回访督查|调研督查|督查组|督导组"
        ),
    ),
    ("a meeting report", re.compile(r"召开|推进会|部署会|调度会|专题会|民主生活会|通报会|座谈会|汇报|听取"), None),
    (
        "rules or procedures",
        re.compile(r"规程|实施办法|工作办法|条例|细则|暂行规定|第一条|第一章"),
        re.compile(r"第一章|第一条|制定本(?:规程|办法|细则|规定)"),
    ),
    ("a work notice (通知)", re.compile(r"的通知$|通知$"), None),
    (
        "a digest of several notices",
        re.compile(r"晒|集中公布|开始公布|公布了\d+家|\d+家单位|多家单位|一批|综述|对策建议|问题困难"),
        re.compile(r"集中公布|开始公布|公布了\d+家|公布了.{0,10}(?:家|个)单位"),
    ),
    (
        "another kind of inspection",
        re.compile(r"主题教育|环保督察|环境保护督察|生态环境保护督察|统计督察|检察建议"),
        re.compile(r"主题教育|环保督察|环境保护督察|生态环境保护督察|统计督察"),
    ),
)
_OPENING_CHARS = 200


@dataclass(frozen=True)
class Detection:
    is_notice: bool
    reasons: list[str] = field(default_factory=list)


# A body's own rectification read out at a meeting (巡察整改情况通报会) is a notice, not meeting news.
_OWN_REPORT_AT_MEETING = re.compile(
    r"整改(?:情况|工作)?(?:通报会|测评会|满意度测评)|通报了(?:巡视|巡察)?整改(?:情况|进展)"
)


def detect(title: str | None, headline: str | None, body: str, claims: Claims, issues: list[Issue]) -> Detection:
    """`title`: the notice's title if found; `headline`: the page's headline otherwise (news, rules …)."""
    head = body[:_HEAD_CHARS]
    title_text = title or headline or ""
    reasons: list[str] = []
    kind = _KIND.search(title_text) or _KIND.search(head)
    if not kind:
        return Detection(False, ["no 巡视 or 巡察 named"])
    reasons.append(f"names a {kind.group(0)}")
    rectification = (title_text + head).count("整改")
    summary = claims.completed is not None or claims.in_progress is not None or claims.basically_completed is not None
    if rectification < _MIN_RECTIFICATION_WORDS and not (rectification and summary):
        return Detection(False, [*reasons, f"整改 said {rectification} time(s) only"])
    reasons.append(f"整改 said {rectification} times")
    titled = bool(title and _TITLE.search(title))
    closing = _CLOSING.search(head)
    progress = bool(_PROGRESS.search(head) and _FEEDBACK.search(head))
    structure = len(issues) >= 2 or bool(_STRUCTURE.search(body))
    if titled:
        reasons.append(f"title: {title_text[:40]}")
    if closing:
        reasons.append(f"closing clause: {closing.group(0)[:24]}")
    if progress:
        reasons.append("feedback and rectification-progress wording")
    if summary:
        reasons.append("a summary of completion counts")
    if structure:
        reasons.append("problem/measure structure")
    against = [
        reason
        for reason, in_title, in_opening in _NOT_NOTICE
        if in_title.search(title_text)
        or (
            reason in ("audit rectification", "another kind of inspection")
            and in_opening is not None
            and len(in_opening.findall(head)) >= 2
        )
    ]
    own_title = titled and "关于" in title_text and not any(r in against for r in ("audit rectification",))
    if not titled:
        # Without a notice title, the opening sentence says what the page is: 对…进行了回访督查.
        opening = head[:_OPENING_CHARS]
        against += [
            reason
            for reason, _, in_opening in _NOT_NOTICE
            if in_opening is not None and reason not in against and in_opening.search(opening)
        ]
    read_out = _OWN_REPORT_AT_MEETING.search(title_text + head)
    if read_out:
        reasons.append(f"its own rectification read out: {read_out.group(0)}")
        against = [reason for reason in against if reason == "audit rectification"]
        if not against:
            return Detection(True, reasons)
    if against and not own_title:
        return Detection(False, [*reasons, *(f"looks like {reason}" for reason in against)])
    evidence = titled + bool(closing) + progress + summary + structure
    if evidence >= 2 or (titled and "关于" in title_text):
        return Detection(True, reasons)
    return Detection(False, [*reasons, "too few signs of a rectification notice"])
