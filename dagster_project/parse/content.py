"""A page's main content as lines, and problem tables as problems the outline reads.

Why not trafilatura alone: on the old nested-table layout it returns the layout table as `| … |`
rows and joins a `<td class="content">`'s `<br>` lines into one, so the notice's headings vanish;
and it costs 10–15 ms a page. Government templates put the notice in one container (TRS_Editor,
`#zoom`, `td.content`, `.article-content` …), so the container is found by text density — the
element holding most of the page's Chinese text outside links, narrowed to the child that still
holds nearly all of it — and rendered with a line per `<p>`, `<div>`, `<br>`, `<li>` and table row.
trafilatura remains the fallback for pages where no container stands out.

A table whose header row names a problem column and one of 整改措施/责任单位/完成时限/完成情况 is a
problem table: each row becomes `N.问题` followed by `整改措施:…`, `责任单位:…`, `完成时限:…`,
`完成情况:…` lines — the shape of a notice that lists its problems in text, which the outline reads
as problems with their measures, responsible unit and status. Columns are found by header words,
not by position. The same rendering serves DOCX and PDF tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

_CJK = re.compile(r"[\u4e00-\u9fff]")
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "br",
        "tr",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "tbody",
        "thead",
        "section",
        "article",
        "main",
        "blockquote",
        "center",
        "dl",
        "dt",
        "dd",
        "header",
        "footer",
        "pre",
        "hr",
    }
)
_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "iframe", "select", "button", "form", "nav"})
_CONTAINER_TAGS = frozenset({"div", "td", "article", "section", "main", "body"})
# Enough Chinese text to be a notice's body rather than a teaser or a menu.
MIN_CONTENT_CJK = 120
# Link text counts against a container: menus and lists of other articles are links.
LINK_PENALTY = 2
# Narrow to a child while it keeps this share of the container's score: the body, not the page.
NARROWING_SHARE = 0.8

# Header words of a problem table's columns, by the line each becomes.
COLUMNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("problem", re.compile(r"问题|存在问题|反馈问题|问题描述|问题表现|具体问题")),
    ("measures", re.compile(r"整改措施|整改举措|措施|整改情况|整改落实情况|整改进展")),
    ("unit", re.compile(r"责任单位|牵头单位|责任部门|责任科室|责任处室|责任人")),
    ("deadline", re.compile(r"完成时限|整改时限|时限|完成时间")),
    ("status", re.compile(r"完成情况|整改状态|完成状态|进展情况|整改结果")),
)
_LABELS = {"measures": "整改措施", "unit": "责任单位", "deadline": "完成时限", "status": "完成情况"}
_SEQ_HEADER = re.compile(r"^\s*(?:序号|编号|序)\s*$")


def _cjk(text: str | None) -> int:
    return len(_CJK.findall(text)) if text else 0


def main_content(tree):  # type: ignore[no-untyped-def]
    """The element that holds the notice, or None when no container stands out."""
    scores: dict[object, int] = {}
    # Post-order without recursion (a hostile page nests 50,000 deep): children before parents.
    order = [element for element in tree.iter() if isinstance(element.tag, str)]
    for element in reversed(order):
        if element.tag in _SKIPPED_TAGS:
            scores[element] = 0
            continue
        own = _cjk(element.text)
        children = sum(scores.get(child, 0) + _cjk(child.tail) for child in element if isinstance(child.tag, str))
        total = own + children
        scores[element] = total - LINK_PENALTY * (total if element.tag == "a" else 0)
    candidates = [e for e in order if e.tag in _CONTAINER_TAGS and scores[e] >= MIN_CONTENT_CJK]
    if not candidates:
        return None
    best = max(candidates, key=lambda e: scores[e])
    while True:
        narrower = max(_inner_containers(best), key=lambda c: scores[c], default=None)
        if narrower is None or scores[narrower] < NARROWING_SHARE * scores[best]:
            return best
        best = narrower


def _inner_containers(element) -> list:  # type: ignore[no-untyped-def]
    """The nearest container elements below `element`, looking through table/tr/p/span wrappers."""
    found, pending = [], [c for c in element if isinstance(c.tag, str)]
    while pending:
        node = pending.pop()
        if node.tag in _CONTAINER_TAGS:
            found.append(node)
        elif node.tag not in _SKIPPED_TAGS:
            pending.extend(c for c in node if isinstance(c.tag, str))
    return found


def render(element) -> str:  # type: ignore[no-untyped-def]
    """The element's text with a line per block; problem tables as problem lines."""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = "".join(current).strip()
        if line:
            lines.append(line)
        current.clear()

    stack: list[tuple[object, bool]] = [(element, False)]
    while stack:
        node, closing = stack.pop()
        tag = getattr(node, "tag", None)
        if closing:
            if tag in _BLOCK_TAGS:
                flush()
            if node is not element and node.tail:  # type: ignore[attr-defined]
                current.append(node.tail)  # type: ignore[attr-defined]
            continue
        if not isinstance(tag, str) or tag in _SKIPPED_TAGS:
            if node is not element and getattr(node, "tail", None):
                current.append(node.tail)  # type: ignore[attr-defined]
            continue
        if tag == "table":
            rows = [[cell.text_content() for cell in row.xpath("./td|./th")] for row in node.xpath(".//tr")]  # type: ignore[attr-defined]
            flush()
            lines.extend(table_lines(rows))
            if node.tail:  # type: ignore[attr-defined]
                current.append(node.tail)  # type: ignore[attr-defined]
            continue
        if tag in _BLOCK_TAGS:
            flush()
        if node.text:  # type: ignore[attr-defined]
            current.append(node.text)  # type: ignore[attr-defined]
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(list(node)))  # type: ignore[call-overload]
    flush()
    return "\n".join(lines)


def _columns(header: Sequence[str]) -> dict[str, int] | None:
    """Column index by role, from the header's words; None unless it is a problem table."""
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        name = "".join(name.split())
        for role, pattern in COLUMNS:
            if role not in found and pattern.search(name) and not (role == "problem" and "措施" in name):
                found[role] = index
                break
    if "problem" in found and len(found) >= 2:
        return found
    return None


_WRAPPED = re.compile(r"(?<=[\u4e00-\u9fff，。；：、“”（）])\s+(?=[\u4e00-\u9fff，。；：、“”（）])")


def _cell(text: str) -> str:
    """A cell's text on one line: a line wrapped inside Chinese text (PDF cells) joins without space."""
    return " ".join(_WRAPPED.sub("", text).split())


def table_lines(rows: Iterable[Sequence[str]]) -> list[str]:
    """A table as lines: a problem table as numbered problems with labelled lines, any other table
    as one line per row."""
    rows = [[_cell(cell) for cell in row] for row in rows]
    rows = [row for row in rows if any(row)]
    if not rows:
        return []
    columns = _columns(rows[0])
    if columns is None:
        return [" ".join(cell.strip() for cell in row if cell.strip()) for row in rows]
    lines: list[str] = []
    number = 0
    for row in rows[1:]:
        problem = row[columns["problem"]].strip() if columns["problem"] < len(row) else ""
        if not problem or _SEQ_HEADER.match(problem):
            continue
        number += 1
        lines.append(f"{number}.{problem}")
        for role, label in _LABELS.items():
            index = columns.get(role)
            value = row[index].strip() if index is not None and index < len(row) else ""
            if value:
                lines.append(f"{label}:{value}")
    return lines
