"""Charts as inline SVG, drawn offline: Altair specs rendered by vl-convert (no script, no web font).

Every SVG passes through `inline_svg`, which parses it, refuses anything that could run or load
(script, foreignObject, event handlers, links, external url()), drops the XML namespaces an inline
<svg> does not need, and writes it back out with every text and attribute escaped: a label taken
from a notice (`<script>` in a title) can only ever be text.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable
from typing import Any

import altair as alt
import vl_convert
from markupsafe import Markup

from .queries import Row

NOT_STATED = "not stated"

# What vl-convert draws (marks, axes, legends, clipping); anything else is refused, not stripped:
# a new element means the renderer changed and the allowlist must be looked at again.
SVG_ELEMENTS = frozenset(
    {
        "svg", "g", "path", "rect", "line", "text", "tspan", "title", "desc", "defs", "clipPath",
        "circle", "ellipse", "polygon", "polyline", "linearGradient", "radialGradient", "stop",
    }
)  # fmt: skip
# Attributes that can run code or fetch something: on* handlers and links.
_ACTIVE_ATTRIBUTE = re.compile(r"^(on.*|href|src)$", re.IGNORECASE)
# url(...) that is not a reference inside the same SVG (url(#clip3) is how clipping is written).
_EXTERNAL_URL = re.compile(r"url\(\s*['\"]?(?!#)", re.IGNORECASE)

CHART_WIDTH = 560
BAR_HEIGHT = 22  # per bar of a horizontal bar chart, so long labels and many rows stay legible
COLUMN_HEIGHT = 260
RATE_BIN_STEP = 10  # completion rates in bins of 10 percentage points
LABEL_LIMIT = 260  # pixels of an axis label before vega truncates it with …
FONT = "sans-serif"  # the reader's own fonts (Noto CJK or whatever renders 中文): nothing is fetched


MAX_COUNT_TICKS = 6


class UnsafeSvg(ValueError):
    """The renderer produced something an inline chart must not hold."""


def label(value: object) -> str:
    """A category as the chart shows it: a null is "not stated", never 0 or an empty bar name."""
    return NOT_STATED if value is None else str(value)


def inline_svg(svg: str) -> Markup:
    """The SVG, checked and re-serialised for inline use in an HTML page."""
    root = ET.fromstring(svg)
    for element in root.iter():
        element.tag = _local(element.tag)
        if element.tag not in SVG_ELEMENTS:
            raise UnsafeSvg(f"<{element.tag}> is not allowed in an inline chart")
        for name in list(element.attrib):
            value = element.attrib.pop(name)
            local = _local(name)
            if _ACTIVE_ATTRIBUTE.match(local) or _EXTERNAL_URL.search(value):
                raise UnsafeSvg(f"attribute {local}={value!r} is not allowed in an inline chart")
            element.set(local, value)
    # ElementTree escapes &, < and > in text and also " in attributes when it writes them out.
    return Markup(ET.tostring(root, encoding="unicode", short_empty_elements=True))


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def render(chart: alt.TopLevelMixin) -> Markup:
    """Altair chart → vega-lite spec → SVG (vl-convert, in-process) → safe inline markup."""
    spec = chart.configure(font=FONT).configure_axis(labelLimit=LABEL_LIMIT).to_dict()
    return inline_svg(vl_convert.vegalite_to_svg(spec))


def _data(values: Iterable[dict[str, Any]]) -> alt.Data:
    return alt.Data(values=list(values))


def count_axis(totals: Iterable[int], title: str) -> alt.Axis:
    """An axis of whole counts (notices, problems): ticks at whole steps up to the tallest bar.
    vl-convert's Vega ignores tickMinStep, which drew 0, 0.5, 1 as "0 1 1"."""
    tallest = max(totals, default=0)
    step = _nice_step(tallest / MAX_COUNT_TICKS)
    return alt.Axis(title=title, values=list(range(0, tallest + step, step)), format="d")


def _nice_step(least: float) -> int:
    """The smallest 1, 2 or 5 × 10^k at least `least` (and at least 1): ticks a reader can add up."""
    magnitude = 1
    while True:
        for multiple in (1, 2, 5):
            if multiple * magnitude >= least:
                return multiple * magnitude
        magnitude *= 10


def _totals(values: list[dict[str, Any]], by: str, measure: str) -> list[int]:
    """The height of each stacked bar: the measure summed per category."""
    totals: Counter[Any] = Counter()
    for value in values:
        totals[value[by]] += value[measure]
    return list(totals.values())


def stacked_columns(
    values: list[dict[str, Any]], title: str, column: tuple[str, str], count: tuple[str, str], series: tuple[str, str]
) -> Markup:
    """Columns of whole counts, one per category, stacked by series: each pair is (field, title)."""
    (column_field, column_title), (count_field, count_title), (series_field, series_title) = column, count, series
    chart = (
        alt.Chart(_data(values), title=title)
        .mark_bar()
        .encode(
            x=alt.X(f"{column_field}:O", title=column_title, axis=alt.Axis(labelAngle=0)),
            y=alt.Y(f"sum({count_field}):Q", axis=count_axis(_totals(values, column_field, count_field), count_title)),
            color=alt.Color(f"{series_field}:N", title=series_title),
        )
        .properties(width=CHART_WIDTH, height=COLUMN_HEIGHT)
    )
    return render(chart)


def notices_by_province(counts: list[Row]) -> Markup:
    """Horizontal bars: notices per province, split by kind (巡视/巡察)."""
    values = [
        {"province": label(r["province"]), "kind": label(r["inspection_kind"]), "notices": r["notices"]} for r in counts
    ]
    provinces = len({v["province"] for v in values})
    chart = (
        alt.Chart(_data(values), title="Notices by province")
        .mark_bar()
        .encode(
            y=alt.Y("province:N", title="Province", sort="-x"),
            x=alt.X("sum(notices):Q", axis=count_axis(_totals(values, "province", "notices"), "Notices")),
            color=alt.Color("kind:N", title="Kind"),
        )
        .properties(width=CHART_WIDTH, height=BAR_HEIGHT * max(provinces, 1))
    )
    return render(chart)


def notices_by_year(counts: list[Row]) -> Markup:
    """Columns: notices per year (signature, else publication), split by kind."""
    values = [
        {"year": label(r["notice_year"]), "kind": label(r["inspection_kind"]), "notices": r["notices"]} for r in counts
    ]
    return stacked_columns(values, "Notices by year", ("year", "Year"), ("notices", "Notices"), ("kind", "Kind"))


def rate_bin(rate: float) -> int:
    """The lower edge of a rate's bin; 100 % falls in the last bin (90-100), not a bin of its own."""
    return min(int(rate // RATE_BIN_STEP) * RATE_BIN_STEP, 100 - RATE_BIN_STEP)


def completion_rates(rates: list[Row]) -> Markup:
    """Histogram of claimed completion rates, the written ones told apart from computed ones."""
    bins = Counter((rate_bin(r["rate_pct"]), r["rate_source"]) for r in rates)
    values = [
        {"from": low, "to": low + RATE_BIN_STEP, "source": source, "notices": count}
        for (low, source), count in sorted(bins.items())
    ]
    chart = (
        alt.Chart(_data(values), title="Claimed completion rates")
        .mark_bar()
        .encode(
            x=alt.X(
                "from:Q",
                title="Completion rate (%)",
                scale=alt.Scale(domain=[0, 100]),
                axis=alt.Axis(values=list(range(0, 101, RATE_BIN_STEP))),
            ),
            x2="to:Q",
            y=alt.Y("sum(notices):Q", axis=count_axis(_totals(values, "from", "notices"), "Notices")),
            color=alt.Color("source:N", title="Rate"),
        )
        .properties(width=CHART_WIDTH, height=COLUMN_HEIGHT)
    )
    return render(chart)


# Gaps are counted per whole unit up to this size either way; larger ones share the end bars, so
# one notice that is off by 300 does not squash the rest.
GAP_CLIP = 10


def clipped_gap(gap: float) -> int:
    """A gap rounded to a whole unit, clipped to ±GAP_CLIP."""
    return max(-GAP_CLIP, min(GAP_CLIP, round(gap)))


def discrepancy_gaps(discrepancies: list[Row]) -> Markup:
    """Columns: how many disagreeing checks are off by how much (body − claim), by check.

    A distribution, not a bar per notice: its cost and size stay the same at 100,000 notices (a
    bar per notice took 18 s of vl-convert at 1,000 bench notices). The notices themselves are
    in the table below the chart."""
    counts = Counter((r["check_name"], clipped_gap(r["computed_value"] - r["claimed_value"])) for r in discrepancies)
    values = [{"check": check, "gap": gap, "checks": n} for (check, gap), n in sorted(counts.items())]
    return stacked_columns(
        values,
        "How far the body is from the claim (listed − claimed)",
        ("gap", f"Listed − claimed (problems; points for the rate; beyond ±{GAP_CLIP} at the ends)"),
        ("checks", "Checks"),
        ("check", "Check"),
    )


def topics_over_time(topics: list[Row]) -> Markup:
    """Stacked columns: problems per topic per year."""
    values = [
        {
            "year": label(r["notice_year"]),
            "topic": f"{r['topic_name_zh']} {r['topic_name_en']}",
            "problems": r["problems"],
        }
        for r in topics
    ]
    return stacked_columns(
        values, "Problems by topic and year", ("year", "Year"), ("problems", "Problems"), ("topic", "Topic")
    )
