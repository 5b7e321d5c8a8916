"""The numbered structure of a notice: sections, status sections, categories, problems, measures.

Heading styles vary by site (一、 / (一) / 1. / 1、 / (1) / ①) and so does their nesting, so the
outline is read, not assumed: a style's rank is the order in which it first appears, and a
marker counts as a heading only if its number continues its style's sequence (or restarts at
1 under a new higher heading) — a stray "1." inside a paragraph is text. Which rank holds the
problems is decided by what the headings look like (关于“…”问题, a 整改情况: label after them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .model import Category, Issue, Measure, Status
from .numerals import to_int

_CN = "一二三四五六七八九十"
_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("cn_dun", re.compile(rf"^([{_CN}]{{1,3}})\s*[、.](?![{_CN}]?是)")),
    ("cn_paren", re.compile(rf"^\(\s*([{_CN}]{{1,3}})\s*\)\s*[、.]?")),
    ("ar_paren", re.compile(r"^\(\s*(\d{1,2})\s*\)\s*[、.]?")),
    ("ar_dot", re.compile(r"^(\d{1,2})\s*[.、](?!\d)")),
    ("circled", re.compile(r"^([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])")),
    ("problem_label", re.compile(rf"^问题\s*([{_CN}\d]{{1,3}})\s*[:、.]")),
)
# A top-level 一、 whose numeral was lost in copying ("、下一步工作打算").
_DAMAGED_TOP = re.compile(r"^[、](?=\S)")
# Where a collapsed (single-line) notice hides its headings.
_INLINE_MARKER = re.compile(
    rf"(?<=[。;；!！?？:])\s*(?=(?:[{_CN}]{{1,3}}、|\([{_CN}]{{1,3}}\)|\(\d{{1,2}}\)|\d{{1,2}}[.、](?!\d)))"
    rf"|\s*(?=\([{_CN}]{{1,3}}\))"
    rf"|(?<=[\u4e00-\u9fff”。])\s*(?=\d{{1,2}}[.、](?:关于|“))"
    rf"|\s+(?=[{_CN}]{{1,3}}、)"
    rf"|\s+(?=\d{{1,2}}[.、](?!\d)\s*[\u4e00-\u9fff“])"
)
_MIN_HEADING_CHARS = 4
_MAX_HEADING_CHARS = 40  # a longer heading without 。 is a heading with its body run into it
_LABEL = re.compile(r"(?:整改|落实)(?:情况|成效|措施|进展|结果|落实情况|落实|完成情况|举措|效果)\s*[:]")
# 一是…二是… after a separator. The look-behind sits after the first numeral so that the regex
# engine can skip to numerals (a leading look-behind is tried at every character: 4× slower).
_MEASURE = re.compile(rf"([{_CN}](?<![^。;；:,，\s].)[{_CN}]{{0,2}})是")
_STATUS_RULES: tuple[tuple[Status, re.Pattern[str]], ...] = (
    ("basically_completed", re.compile(r"基本(?:完成|整改到位|整改完成|完成整改)")),
    ("not_completed", re.compile(r"未(?:完成|整改到位|整改)|尚未")),
    ("long_term", re.compile(r"长期|持续整改|需长期")),
    ("in_progress", re.compile(r"正在|推进中|持续推进|整改中|序时推进|有序推进")),
    ("completed", re.compile(r"已(?:经)?(?:整改)?(?:完成|到位|办结|销号)|已完成整改|已整改完成|整改完成的|完成整改的")),
)
_WRAPPER_SUFFIX = re.compile(r"(?:方面)?(?:的)?问题(?:的)?(?:整改)?(?:情况|落实情况|进展情况)?$")
_RUN_ON_WRAPPER = re.compile(r"^(关于.{2,60}?”\s*(?:方面)?(?:的)?问题(?:的整改(?:情况)?|整改情况)?)")
# Without 关于 only an explicit 的问题 / 问题的整改 is wrapper: 环保问题 stays a name.
_PLAIN_SUFFIX = re.compile(r"(?:的问题(?:的)?(?:整改)?(?:情况)?|问题的整改(?:情况)?)$")
_STATUS_CONTEXT = re.compile(r"问题|事项|任务|整改")
_EXCLUDED_SECTION = re.compile(r"组织|领导|下一步|打算|计划|后续|深化|长效|巩固|基本情况|总体情况|工作情况")
_SECTION_NAME = re.compile(
    r"(?:工作|整改|任务|落实|完成|进展|推进|总体|基本|组织)(?:的)?(?:情况|进展|成效)$|打算|计划$"
)
_PROBLEM_SECTION = re.compile(r"反馈问题|具体问题|问题整改|问题的整改|问题清单")


@dataclass
class Heading:
    line_no: int
    style: str
    number: int
    text: str
    rank: int = 0
    status: Status | None = None
    children: list[Heading] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    parent: Heading | None = None

    @property
    def full_text(self) -> str:
        return "\n".join([self.text, *self.body, *(child.full_text for child in self.children)]).strip()


# A notice run onto one line: few lines, and a long one with section or problem markers inside it.
_COLLAPSED_MAX_LINES = 12
_COLLAPSED_MIN_LINE = 300
# No paragraph of a notice runs this long: such a line is a whole notice even without markers seen.
_COLLAPSED_ANY_LINE = 1500
_INLINE_HEADINGS = re.compile(rf"(?:[。;；:]|\s)\s*(?:[{_CN}]{{1,3}}、|\([{_CN}]{{1,3}}\)|\d{{1,2}}[.、](?:关于|“))")


def is_collapsed(text: str) -> bool:
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) >= _COLLAPSED_MAX_LINES:
        return False
    longest = max(lines, key=len, default="")
    return len(longest) > _COLLAPSED_ANY_LINE or (
        len(longest) > _COLLAPSED_MIN_LINE and len(_INLINE_HEADINGS.findall(longest)) >= 2
    )


def unfold(text: str) -> list[str]:
    """Lines of the notice; a collapsed notice is split before the markers its headings use."""
    if is_collapsed(text):
        text = _INLINE_MARKER.sub("\n", text)
    return [line.strip() for line in text.split("\n") if line.strip()]


# The first characters a heading marker can start with: most lines are skipped on this alone.
_MARKER_STARTS = frozenset(_CN + "(0123456789①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳问")


def _match_marker(line: str) -> tuple[str, int, str] | None:
    if line[:1] not in _MARKER_STARTS:
        return None
    for style, pattern in _MARKERS:
        match = pattern.match(line)
        if match:
            token = match.group(1)
            number = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳".find(token) + 1 if style == "circled" else to_int(token)
            if number:
                return style, number, line[match.end() :].strip()
    return None


def find_headings(lines: list[str], warnings: list[str]) -> list[Heading]:
    """Accepted headings in order, with ranks; markers that break their sequence stay text."""
    ranks: dict[str, int] = {}
    last_number: dict[str, int] = {}
    last_index: dict[str, int] = {}
    headings: list[Heading] = []
    for line_no, line in enumerate(lines):
        marker = _match_marker(line)
        if marker is None and _DAMAGED_TOP.match(line) and "cn_dun" in last_number:
            marker = ("cn_dun", last_number["cn_dun"] + 1, line[1:].strip())
            warnings.append(f"section number lost before “{line[1:20]}”; read as {marker[1]}")
        if marker is None:
            continue
        style, number, rest = marker
        previous = last_number.get(style)
        if previous is not None:
            higher_since = any(ranks[h.style] < ranks[style] for h in headings[last_index[style] + 1 :])
            continues = previous < number <= previous + 3
            restarts = number == 1 and higher_since
            if not (continues or restarts):
                continue
            if continues and number > previous + 1 and not higher_since:
                warnings.append(f"heading numbers jump from {previous} to {number}")
        elif number != 1:
            continue
        ranks.setdefault(style, len(ranks))
        last_number[style] = number
        last_index[style] = len(headings)
        headings.append(Heading(line_no, style, number, rest, ranks[style]))
    return headings


def build_tree(lines: list[str], headings: list[Heading]) -> tuple[list[str], list[Heading]]:
    """Attach body lines and children; returns (lines before the first heading, top headings)."""
    roots: list[Heading] = []
    stack: list[Heading] = []
    boundaries = [h.line_no for h in headings] + [len(lines)]
    for heading, end in zip(headings, boundaries[1:]):
        heading.body = lines[heading.line_no + 1 : end]
        while stack and stack[-1].rank >= heading.rank:
            stack.pop()
        if stack:
            heading.parent = stack[-1]
            stack[-1].children.append(heading)
        else:
            roots.append(heading)
        stack.append(heading)
    preamble = lines[: headings[0].line_no] if headings else lines
    return preamble, roots


@lru_cache(maxsize=8192)
def heading_title(text: str) -> str:
    """The heading itself, without the body that collapsed text runs into it."""
    run_on = _RUN_ON_WRAPPER.match(text) if len(text) > 60 else None
    if run_on:
        return run_on.group(1)
    label = _LABEL.search(text)
    if label:
        text = text[: label.start()]
    stop = re.search(r"[。!！?？]", text)
    if stop:
        text = text[: stop.start()]
    # A collapsed notice runs the body into its heading after a space: 整改任务完成情况 截至….
    space = text.find(" ", _MIN_HEADING_CHARS)
    if space > 0 and len(text) > _MAX_HEADING_CHARS:
        text = text[:space]
    return text.strip(" ,，;；:")


def status_of(text: str) -> Status | None:
    title = heading_title(text)
    if len(title) > 30 or not _STATUS_CONTEXT.search(title):
        return None
    for status, pattern in _STATUS_RULES:
        if pattern.search(title):
            return status
    return None


def clean_problem_title(text: str) -> str:
    """关于“招商引资质效不佳”问题的整改 → 招商引资质效不佳 (a missing closing quote is tolerated)."""
    title = heading_title(text)
    title = re.sub(r"^(?:反馈问题|问题|存在问题)\s*[:]\s*", "", title)
    had_wrapper = title.startswith("关于")
    if had_wrapper:
        title = title[2:]
    opening = title[:1]
    if opening and opening in '“"「『':
        closing = {"“": "”", '"': '"', "「": "」", "『": "』"}[opening]
        wrapped = re.search(rf"{closing}(?={_WRAPPER_SUFFIX.pattern})", title)
        if wrapped:
            return title[1 : wrapped.start()].strip()
        if had_wrapper and closing not in title:
            title = title[1:]
    suffix = _WRAPPER_SUFFIX if had_wrapper else _PLAIN_SUFFIX
    return suffix.sub("", title).strip()


def looks_like_problem(heading: Heading) -> bool:
    title = heading_title(heading.text)
    if title.startswith("关于") or re.search(r"问题(?:的)?(?:整改)?(?:情况)?$", title):
        return True
    first_body = heading.body[0] if heading.body else ""
    return bool(_LABEL.search(heading.text) or _LABEL.match(first_body))


def _walk(nodes: list[Heading]):  # type: ignore[no-untyped-def]
    for node in nodes:
        yield node
        yield from _walk(node.children)


def problem_region(roots: list[Heading]) -> list[Heading]:
    """Top headings that hold the problem list: not the organisational or 下一步 sections."""
    top_sections = [r for r in roots if r.style == "cn_dun"]
    if not top_sections:
        return roots
    kept = [
        r
        for r in roots
        if r.style != "cn_dun"
        or not _EXCLUDED_SECTION.search(heading_title(r.text)[:20])
        or _PROBLEM_SECTION.search(heading_title(r.text)[:24])
        and not re.search("下一步|打算|计划", r.text[:12])
    ]
    return kept or roots


@dataclass
class Outline:
    """`preamble`: lines before the first heading; `other_lines`: every line outside the problems.

    `problems_look_like_problems` is False when the problem rank was only the most numerous one (no
    heading read 关于“…”问题 or had an 整改情况: label): such "problems" are often the organisation
    part's items (加强组织领导, 细化整改任务), whose sentences may hold the notice's own summary."""

    preamble: list[str]
    categories: list[Category]
    issues: list[Issue]
    other_lines: list[str]
    problems_look_like_problems: bool = True
    lines: list[str] = field(default_factory=list)


def _last_line_of(node: Heading) -> int:
    last = node
    while last.children:
        last = last.children[-1]
    return last.line_no + len(last.body)


def read_outline(text: str, warnings: list[str]) -> Outline:
    lines = unfold(text)
    headings = find_headings(lines, warnings)
    preamble, roots = build_tree(lines, headings)
    region = problem_region(roots)
    nodes = [n for n in _walk(region)]
    for node in nodes:
        node.status = status_of(node.text)
    candidates = [n for n in nodes if n.status is None]
    problem_rank, confident = _problem_rank(candidates, region)
    if problem_rank is None:
        return Outline(preamble, [], [], lines, True, lines)
    problems = [n for n in candidates if n.rank == problem_rank]
    categories = _categories(problems, region)
    issues = [_issue(seq, node, categories) for seq, node in enumerate(problems, start=1)]
    covered = {i for node in problems for i in range(node.line_no, _last_line_of(node) + 1)}
    other_lines = [line for i, line in enumerate(lines) if i not in covered]
    return Outline(
        preamble, [Category(index=i, title=t) for i, t in categories.values()], issues, other_lines, confident, lines
    )


def _problem_rank(candidates: list[Heading], region: list[Heading]) -> tuple[int | None, bool]:
    """The rank of the headings that hold the problems, and whether they look like problems."""
    by_rank: dict[int, list[Heading]] = {}
    for node in candidates:
        if node in region and node.style == "cn_dun" and len([r for r in region if r.style == "cn_dun"]) < 2:
            continue  # a lone 一、 section holds the problems; it is not one
        by_rank.setdefault(node.rank, []).append(node)
    scored = [
        rank for rank, nodes in by_rank.items() if sum(looks_like_problem(n) for n in nodes) >= max(1, len(nodes) / 2)
    ]
    if scored:
        return max(scored), True
    # No rank looks like problems: the most numerous one, unless its headings name the notice's own
    # sections (整改工作推进情况, 整改任务完成情况) rather than problems.
    plain = {
        rank: nodes
        for rank, nodes in by_rank.items()
        if sum(bool(_SECTION_NAME.search(heading_title(n.text))) for n in nodes) < len(nodes) / 2
    }
    if plain:
        return max(plain, key=lambda rank: len(plain[rank])), False
    return None, False


def _categories(problems: list[Heading], region: list[Heading]) -> dict[int, tuple[int, str]]:
    """Non-status ancestors of problems, keyed by id(heading) → (index, title).

    Top 一、 sections are categories only when the problems spread over two or more of them;
    a single 一、/二、 section holding all problems is the notice's chapter, not a category.
    """
    holders = {id(_root(p)) for p in problems if _root(p).style == "cn_dun"}
    found: dict[int, tuple[int, str]] = {}
    for problem in problems:
        parent = problem.parent
        while parent is not None:
            is_section = parent.style == "cn_dun" and len(holders) < 2
            if parent.status is None and not is_section and id(parent) not in found:
                found[id(parent)] = (parent.number, clean_problem_title(parent.text))
            parent = parent.parent
    return found


def _root(node: Heading) -> Heading:
    while node.parent is not None:
        node = node.parent
    return node


def _issue(seq: int, node: Heading, categories: dict[int, tuple[int, str]]) -> Issue:
    status: Status | None = None
    category_index: int | None = None
    parent = node.parent
    while parent is not None:
        if status is None and parent.status is not None:
            status = parent.status
        if category_index is None and id(parent) in categories:
            category_index = categories[id(parent)][0]
        parent = parent.parent
    title = clean_problem_title(node.text)
    text = node.full_text
    heading = heading_title(node.text)
    body = text[len(heading) :] if text.startswith(heading) else text
    if status is None and ("情况" in body or "状态" in body or "进度" in body or "结果" in body):
        own = _OWN_STATUS.search(body)  # its own 完成情况:已完成 line (a problem table's row, or its own)
        status = own_status(own.group(1)) if own else None
    unit = _UNIT_LINE.search(body) if ("单位" in body or "部门" in body or "科室" in body or "处室" in body) else None
    labelled = body
    body = _LABEL.sub("", body.strip(" 。\n"), count=1).strip()
    return Issue(
        seq=seq,
        category_index=category_index,
        title=title,
        status=status,
        text=body,
        responsible_unit=unit.group(1).strip() if unit else None,
        measures=_measures(node, body, labelled),
    )


_OWN_STATUS = re.compile(r"(?:完成情况|整改状态|完成状态|整改进度|整改结果|整改情况)\s*[:]\s*([^\n。;；,，]{1,12})")
_UNIT_LINE = re.compile(r"(?:责任单位|牵头单位|责任部门|责任科室|责任处室)\s*[:]\s*([^\n。;；]{1,60})")
_OWN_STATUS_WORDS: tuple[tuple[Status, re.Pattern[str]], ...] = (
    # Anchored: the value must *be* a status (整改情况:一是持续推进… is a description, not a status).
    ("basically_completed", re.compile(r"^(?:已)?(?:基本完成|基本整改|阶段性完成|取得阶段性)")),
    ("not_completed", re.compile(r"^(?:未完成|尚未|未整改)")),
    ("long_term", re.compile(r"^(?:需|需要)?长期")),
    ("in_progress", re.compile(r"^(?:正在|持续推进|持续整改|序时推进|按序时推进|推进中|整改中)")),
    ("completed", re.compile(r"^(?:已)?(?:整改)?(?:完成|到位|办结|销号)|^已整改")),
)


def own_status(value: str) -> Status | None:
    """The status a problem's own 完成情况 value states: 已完成, 基本完成, 正在推进 …"""
    value = value.strip()
    for status, pattern in _OWN_STATUS_WORDS:
        if pattern.search(value):
            return status
    return None


def _measures(node: Heading, body: str, labelled: str) -> list[Measure]:
    """一是…二是… items; failing those, the problem's own numbered sub-items, or the items of its
    整改措施: line (`labelled` is the body with its labels)."""
    starts = [m for m in _MEASURE.finditer(body)]
    items: list[str] = []
    if starts:
        for this, following in zip(starts, starts[1:] + [None]):
            end = following.start() if following else len(body)
            items.append(body[this.end() : end].strip(" ,，;；:。\n"))
    elif node.children:
        items = [child.full_text.strip(" ,，;；:。\n") for child in node.children]
    elif ("措施" in labelled or "举措" in labelled) and (listed := _MEASURE_LINE.search(labelled)) is not None:
        # A problem table's 整改措施 cell: 1.…；2.… (or one measure without numbers).
        cell = listed.group(1)
        parts = _NUMBERED_ITEM.split(cell)
        items = [part.strip(" ,，;；:。") for part in parts] if len(parts) > 1 else [cell.strip(" 。")]
    return [Measure(seq=i, text=t) for i, t in enumerate(items, start=1) if t]


_MEASURE_LINE = re.compile(r"(?:^|\n)(?:整改措施|整改举措)\s*[:]\s*([^\n]+)")
_NUMBERED_ITEM = re.compile(r"(?:^|(?<=[;；。,，\s]))\(?\d{1,2}[.、)]\s*")
