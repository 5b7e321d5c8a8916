"""The report (`notices report`, the asset after publish): a static site of the published warehouse.

Unit tests for the pieces (charts and their SVG check, escaping, null facts, file names, links, the
atomic swap); integration tests build it from the sample warehouse and read it as a reader would,
in a real headless Chromium too.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import duckdb
import pytest

from dagster_project.report import REPORT_DIR, queries
from dagster_project.report.build import (
    NOTICES_DIR,
    ORGANIZATIONS_DIR,
    PAGE_DIGESTS,
    SPILL_PREFIX,
    ReportSummary,
    build_report,
    give_back_cached_memory,
    page_name,
    read_only,
    signed,
    source_link,
    stated,
)
from dagster_project.report.charts import (
    GAP_CLIP,
    NOT_STATED,
    UnsafeSvg,
    clipped_gap,
    completion_rates,
    count_axis,
    discrepancy_gaps,
    inline_svg,
    label,
    notices_by_province,
    rate_bin,
)
from dagster_project.report.shown import SHOWN_BUILD, report_shows
from dagster_project.settings import REPO_ROOT
from dagster_project.workers import usable_cores
from tests.conftest import SampleBuild

HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"
SAMPLE_000 = "489fa0c1679254d7f10d"  # claims 26 of 29 completed; its body lists 25 under 已完成
SAMPLE_001 = "58dd08b6bab56fb0d1c7"
SAMPLE_000_TITLE = "南康经开区党工委关于巡察整改进展情况的通报"
SAMPLE_000_SUMMARY = "已完成整改26个,整改完成率为89.65%"  # in the sentence its counts were read from
SAMPLE_ISSUERS = (
    "中共江西南康经济开发区工作委员会",
    "中共江苏XX经济开发区工作委员会",
    "中共湖南汨罗高新技术产业开发区工作委员会",
)
CHROMIUM_TIMEOUT_SECONDS = 120
# A screenshot of a page with text and charts has many shades; a blank one has one or two.
MIN_SCREENSHOT_COLOURS = 16
MIN_SCREENSHOT_STDDEV = 10.0


# --- what a page loads and holds ---------------------------------------------------------------


class _Page(HTMLParser):
    """Every element of a page with its attributes, and the text of its <style> elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.styles: list[str] = []
        self.text: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))
        self._in_style = tag == "style"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        (self.styles if self._in_style else self.text).append(data)

    def tags(self) -> list[str]:
        return [tag for tag, _ in self.elements]


def parse_page(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


WEB_URL = re.compile(r"https?://", re.IGNORECASE)


def loaded_web_urls(html: str) -> list[str]:
    """Every http(s) URL the page would fetch: any attribute but an <a href> (a link the reader may
    follow is not a load), and url()/@import in its styles."""
    page = parse_page(html)
    loads = [
        f"<{tag} {name}={value!r}>"
        for tag, attrs in page.elements
        for name, value in attrs.items()
        if WEB_URL.search(value) and not (tag == "a" and name == "href")
    ]
    return loads + [style for style in page.styles if WEB_URL.search(style) or "@import" in style]


def test_the_load_check_finds_a_stylesheet_an_image_and_an_import_but_not_a_link() -> None:
    assert loaded_web_urls('<a href="https://example.gov.cn/n.html">source</a><p>see http://x.cn</p>') == []
    assert len(loaded_web_urls('<link rel="stylesheet" href="https://cdn.example/s.css">')) == 1
    assert len(loaded_web_urls('<img src="http://example.com/a.png">')) == 1
    assert len(loaded_web_urls("<style>@import 'https://fonts.example/f.css';</style>")) == 1


# --- charts and their SVG ----------------------------------------------------------------------


def test_a_hostile_label_is_text_inside_the_chart_svg() -> None:
    svg = notices_by_province([{"province": HOSTILE, "inspection_kind": "巡察", "notices": 2}])
    root = ET.fromstring(str(svg))
    assert {element.tag for element in root.iter()} <= {"svg", "g", "path", "rect", "line", "text"}
    assert HOSTILE in ["".join(element.itertext()) for element in root.iter("text")]
    assert "<script" not in svg and "<img" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert not any(name.startswith("on") for element in root.iter() for name in element.attrib)


def test_a_null_category_is_a_not_stated_bar_never_an_empty_one() -> None:
    assert label(None) == NOT_STATED
    assert label(0) == "0"
    svg = notices_by_province([{"province": None, "inspection_kind": None, "notices": 1}])
    texts = ["".join(element.itertext()) for element in ET.fromstring(str(svg)).iter("text")]
    assert texts.count(NOT_STATED) == 2  # the province's axis label and the kind's legend entry


def test_inline_svg_drops_namespaces_and_refuses_what_could_run_or_load() -> None:
    namespaced = '<svg xmlns="http://www.w3.org/2000/svg"><g clip-path="url(#clip1)"><text>a &amp; b</text></g></svg>'
    assert str(inline_svg(namespaced)) == '<svg><g clip-path="url(#clip1)"><text>a &amp; b</text></g></svg>'
    for hostile in (
        "<svg><script>alert(1)</script></svg>",
        "<svg><foreignObject><div/></foreignObject></svg>",
        '<svg onload="alert(1)"/>',
        '<svg xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="https://x.cn/a.png"/></svg>',
        '<svg><rect href="https://x.cn/a"/></svg>',
        '<svg><rect fill="url(https://x.cn/pattern)"/></svg>',
    ):
        with pytest.raises(UnsafeSvg):
            inline_svg(hostile)


def test_completion_rates_fall_in_bins_of_ten_and_100_in_the_last() -> None:
    assert [rate_bin(rate) for rate in (0.0, 9.99, 70.83, 89.65, 90.0, 100.0)] == [0, 0, 70, 80, 90, 90]
    svg = completion_rates(
        [
            {"rate_pct": 89.65, "rate_source": "written by the notice"},
            {"rate_pct": 100.0, "rate_source": "written by the notice"},
        ]
    )
    texts = ["".join(element.itertext()) for element in ET.fromstring(str(svg)).iter("text")]
    assert "written by the notice" in texts and "100" in texts


def test_discrepancy_gaps_are_a_distribution_whose_size_does_not_grow_with_notices() -> None:
    assert [clipped_gap(g) for g in (-1.0, 0.4, 17.0, -300.0, 2.6)] == [-1, 0, GAP_CLIP, -GAP_CLIP, 3]

    def rows(n: int) -> list[dict[str, object]]:
        return [
            {"check_name": "completed", "claimed_value": 26.0, "computed_value": 25.0 + (i % 3) * 40} for i in range(n)
        ]

    def bars(svg: ET.Element) -> int:
        return sum(element.get("aria-roledescription") == "bar" for element in svg.iter())

    few, many = ET.fromstring(str(discrepancy_gaps(rows(3)))), ET.fromstring(str(discrepancy_gaps(rows(3000))))
    assert bars(few) == bars(many) == 2  # gaps −1 and +39, +79 (both clipped to +10), however many notices
    labels = {"".join(element.itertext()) for element in many.iter("text")}
    assert {"-1", "10"} <= labels and "79" not in labels  # 25 + 80 − 26 = 79 shares the +10 bar


def test_count_axes_tick_whole_numbers_only() -> None:
    assert count_axis([1, 1], "Notices").to_dict()["values"] == [0, 1]
    assert count_axis([3], "Notices").to_dict()["values"] == [0, 1, 2, 3]
    assert count_axis([25, 4], "Problems").to_dict()["values"] == [0, 5, 10, 15, 20, 25]
    assert count_axis([26], "Problems").to_dict()["values"] == [0, 5, 10, 15, 20, 25, 30]  # a tick above the top
    assert count_axis([39], "Count").to_dict()["values"] == [0, 10, 20, 30, 40]  # steps of 1, 2 or 5 × 10^k
    assert count_axis([130], "Count").to_dict()["values"] == list(range(0, 160, 50))
    assert count_axis([], "Notices").to_dict()["values"] == [0]  # an empty warehouse: one tick


# --- facts, names and links --------------------------------------------------------------------


def test_a_null_fact_is_not_stated_and_zero_stays_zero() -> None:
    assert str(stated(None)) == '<span class="ns">not stated</span>'
    assert stated(0) == "0" and stated(0.0) == "0"
    assert stated(89.65) == "89.65" and stated(26.0) == "26" and stated(89.655172) == "89.66"
    assert signed(1.0) == "+1" and signed(-18.0) == "-18" and signed(0.0) == "0"


def test_page_names_come_from_hex_keys_only() -> None:
    assert page_name("notices", SAMPLE_000) == f"notices/{SAMPLE_000}.html"
    for bad in ("../../etc/passwd", "南康经开区党工委/关于巡察", "", "ABCDEF0123456789ABCD"):
        with pytest.raises(ValueError):
            page_name("notices", bad)


def test_source_links_are_web_urls_or_stored_files_found(tmp_path: Path) -> None:
    web = source_link("https://www.example.gov.cn/art/1.html", None, tmp_path, [])
    assert (web.text, web.href) == ("https://www.example.gov.cn/art/1.html", "https://www.example.gov.cn/art/1.html")
    script = source_link("javascript:alert(1)", None, tmp_path, [])
    assert (script.text, script.href) == ("javascript:alert(1)", None)  # shown, never a link
    stored = tmp_path / "data" / "raw" / "inbox" / "通报 1.txt"
    stored.parent.mkdir(parents=True)
    stored.write_text("…", encoding="utf-8")
    page_dir = tmp_path / "data" / "report" / "notices"
    found = source_link(None, "raw/inbox/通报 1.txt", page_dir, [tmp_path / "elsewhere", tmp_path / "data"])
    assert found.href == "../../raw/inbox/%E9%80%9A%E6%8A%A5%201.txt"
    missing = source_link(None, "raw/inbox/gone.txt", page_dir, [tmp_path / "data"])
    assert (missing.text, missing.href) == ("raw/inbox/gone.txt", None)
    assert source_link(None, None, page_dir, [tmp_path]) == type(missing)(None, None)


def test_a_stored_file_is_linked_as_relpath_would_link_it(tmp_path: Path) -> None:
    """The root's relative path is reused for every file below it; what comes out is what
    os.path.relpath gives for each file, whatever the stored path looks like."""
    for stored in ("raw/inbox/a.txt", "raw/./inbox/b.txt", "raw/x/../inbox/c.txt", "d.txt"):
        (tmp_path / "data" / stored).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "data" / stored).write_text("…", encoding="utf-8")
    absolute = str(tmp_path / "data" / "raw" / "inbox" / "a.txt")
    for page_dir in (tmp_path / "data" / "report" / "notices", tmp_path / "data", tmp_path / "elsewhere"):
        for stored in ("raw/inbox/a.txt", "raw/./inbox/b.txt", "raw/x/../inbox/c.txt", "d.txt", absolute):
            link = source_link(None, stored, page_dir, [tmp_path / "data"])
            expected = os.path.relpath(os.path.join(tmp_path / "data", stored), page_dir)
            assert link.href == quote(expected), (page_dir, stored)


def test_a_failed_build_leaves_the_last_report_and_no_temporary_folder(tmp_path: Path) -> None:
    not_a_warehouse = tmp_path / "empty.duckdb"
    duckdb.connect(str(not_a_warehouse)).close()
    out_dir = tmp_path / "report"
    out_dir.mkdir()
    (out_dir / "index.html").write_text("the last good report", encoding="utf-8")
    with pytest.raises(duckdb.CatalogException):
        build_report(not_a_warehouse, out_dir)
    assert (out_dir / "index.html").read_text(encoding="utf-8") == "the last good report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.duckdb", "report"]


# --- the report of the sample warehouse --------------------------------------------------------


@pytest.fixture(scope="module")
def sample_report(sample_build: SampleBuild, tmp_path_factory: pytest.TempPathFactory) -> ReportSummary:
    out_dir = tmp_path_factory.mktemp("sample_report") / REPORT_DIR
    return build_report(sample_build.settings.published_path, out_dir, (sample_build.settings.data_dir, REPO_ROOT))


@pytest.fixture(scope="module")
def hostile_report(sample_build: SampleBuild, tmp_path_factory: pytest.TempPathFactory) -> ReportSummary:
    """The sample warehouse, copied, with markup in sample 000's title, in a province (it reaches
    the charts' SVG), in a problem's title and a source URL that is a script."""
    folder = tmp_path_factory.mktemp("hostile")
    warehouse = folder / "notices.duckdb"
    shutil.copyfile(sample_build.settings.published_path, warehouse)
    with duckdb.connect(str(warehouse)) as connection:
        connection.execute("UPDATE marts.dim_notice SET title = ? WHERE notice_id = ?", [HOSTILE, SAMPLE_000])
        connection.execute("UPDATE marts.rpt_notice_progress SET title = ? WHERE notice_id = ?", [HOSTILE, SAMPLE_000])
        connection.execute(
            "UPDATE marts.fct_issue SET title = ? WHERE notice_id = ? AND issue_seq = 1", [HOSTILE, SAMPLE_000]
        )
        connection.execute(
            "UPDATE marts.dim_notice SET source_url = 'javascript:alert(3)' WHERE notice_id = ?", [SAMPLE_000]
        )
        connection.execute(
            "UPDATE marts.dim_organization SET province = ? WHERE organization_id = "
            "(SELECT organization_id FROM marts.dim_notice WHERE notice_id = ?)",
            [HOSTILE, SAMPLE_000],
        )
    return build_report(warehouse, folder / REPORT_DIR)


def _read(summary: ReportSummary, page: str) -> str:
    return (summary.out_dir / page).read_text(encoding="utf-8")


def _pages(summary: ReportSummary) -> list[Path]:
    return sorted(summary.out_dir.rglob("*.html"))


@pytest.mark.integration
def test_the_sample_report_has_every_page(sample_report: ReportSummary) -> None:
    notice_pages = sorted(p.name for p in (sample_report.out_dir / "notices").iterdir())
    assert notice_pages == ["489fa0c1679254d7f10d.html", "58dd08b6bab56fb0d1c7.html", "7e3f46a07a11083c6f97.html"]
    assert len(list((sample_report.out_dir / "organizations").iterdir())) == 3
    assert (sample_report.notice_pages, sample_report.organization_pages, sample_report.pages) == (3, 3, 10)
    assert len(_pages(sample_report)) == sample_report.pages
    assert sample_report.notices_disagreeing == 3  # 000: completed, problems; 001: two statuses; 003: problems


@pytest.mark.integration
def test_the_overview_shows_the_issuers_the_rates_and_the_disagreements(sample_report: ReportSummary) -> None:
    index = _read(sample_report, "index.html")
    for issuer in SAMPLE_ISSUERS:
        assert issuer in index
    page = parse_page(index)
    assert page.tags().count("svg") == 3  # by province, by year, completion rates
    text = " ".join(" ".join(page.text).split())
    assert "3 of the 3 notices whose numbers could be checked disagree" in text
    assert "89.65 written by the notice 26 29 项具体问题" in text
    assert "70.83 computed from its claimed counts 17 24 个问题" in text  # 001 writes no rate
    assert "number of problems 3 2 19 18" in text  # checked, disagreeing, total difference, largest


@pytest.mark.integration
def test_sample_000s_claim_of_26_against_25_listed_is_quoted_on_the_discrepancies_page(
    sample_report: ReportSummary,
) -> None:
    html = _read(sample_report, "discrepancies.html")
    section = html[html.index(f'<a href="notices/{SAMPLE_000}.html">') :]
    section = section[: section.index("</section>")]
    text = " ".join(" ".join(parse_page(section).text).split())
    assert "已完成 (completed) 26 25 -1" in text
    assert "number of problems 29 28 -1" in text
    assert SAMPLE_000_SUMMARY in text
    [stored] = [
        attrs["href"] for tag, attrs in parse_page(section).elements if tag == "a" and "raw/samples" in attrs["href"]
    ]
    # A relative link from the report's folder to the stored file (the bundled sample, in the repository).
    assert (sample_report.out_dir / stored).resolve() == REPO_ROOT / "raw" / "samples" / "000_6c1e6bb6a10f6a96.txt"


@pytest.mark.integration
def test_a_notice_page_shows_facts_with_evidence_and_not_stated_for_nulls(sample_report: ReportSummary) -> None:
    text = " ".join(" ".join(parse_page(_read(sample_report, f"notices/{SAMPLE_000}.html")).text).split())
    assert "Feedback 2023-07-28 728,市委第五巡察组向中共江西南康经济开发区党工委反馈了巡察意见。" in text
    assert "Published not stated" in text  # sample 000 gives no publication date
    assert "main 已完成 completed 26 29 项具体问题" in text
    assert "Written completion rate: 89.65 %" in text
    assert "Problems (28 listed)" in text and "1. 创新引领产业升级不明显" in text
    assert "The summary claims a count the body does not list. (completed: 26 vs 25)" in text
    assert "feedback date “728” had lost 年/月 in copying; read as 2023-07-28" in text
    other = " ".join(" ".join(parse_page(_read(sample_report, "notices/58dd08b6bab56fb0d1c7.html")).text).split())
    assert "Counts as of not stated" in other and "Written completion rate: not stated" in other


@pytest.mark.integration
def test_an_organisation_page_lists_its_notices(sample_report: ReportSummary) -> None:
    [page] = [
        p for p in (sample_report.out_dir / "organizations").iterdir() if SAMPLE_ISSUERS[0] in p.read_text("utf-8")
    ]
    text = " ".join(" ".join(parse_page(page.read_text(encoding="utf-8")).text).split())
    assert "江西南康经济开发区工委" in text and "Province 江西, city 赣州, district 南康" in text
    assert f"2023-11-27 not stated {SAMPLE_000_TITLE} 巡察 市委第五巡察组 2023-07-28 26 29 项具体问题 89.65 2" in text


@pytest.mark.integration
def test_topics_and_findings_pages(sample_report: ReportSummary) -> None:
    topics = " ".join(" ".join(parse_page(_read(sample_report, "topics.html")).text).split())
    assert "2023 纪律廉洁 Discipline and integrity 12 3" in topics
    quality = parse_page(_read(sample_report, "quality.html"))
    findings = " ".join(" ".join(quality.text).split())
    assert (
        "warning (reconciliation): The summary claims a count the body does not list. (problems: 14 vs 32)" in findings
    )
    assert quality.tags().count("section") == 3  # one per notice with findings


@pytest.mark.integration
def test_no_page_loads_anything_from_the_web(sample_report: ReportSummary, hostile_report: ReportSummary) -> None:
    for page in _pages(sample_report) + _pages(hostile_report):
        html = page.read_text(encoding="utf-8")
        assert loaded_web_urls(html) == [], page
        tags = parse_page(html).tags()
        assert "script" not in tags and "link" not in tags and "img" not in tags, page
        assert tags.count("style") == 1, page


@pytest.mark.integration
def test_markup_in_a_notice_is_text_on_every_page_and_in_the_svg(hostile_report: ReportSummary) -> None:
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"
    for page in ("index.html", "discrepancies.html", "quality.html", f"notices/{SAMPLE_000}.html"):
        html = _read(hostile_report, page)
        assert escaped in html, page
        elements = parse_page(html).elements
        assert not [tag for tag, _ in elements if tag in ("script", "img")], page
        assert not [attrs for _, attrs in elements if any(name.startswith("on") for name in attrs)], page
    index = _read(hostile_report, "index.html")
    svgs = re.findall(r"<svg.*?</svg>", index, re.DOTALL)
    assert any(HOSTILE in "".join(ET.fromstring(svg).itertext()) for svg in svgs)  # the province, as SVG text
    notice = _read(hostile_report, f"notices/{SAMPLE_000}.html")
    assert 'href="javascript:' not in notice and "javascript:alert(3)" in notice


@pytest.mark.integration
def test_the_nightly_job_refreshed_the_report_after_publishing(sample_build: SampleBuild) -> None:
    report = sample_build.settings.data_dir / REPORT_DIR
    assert sorted(p.name for p in (report / "notices").iterdir())[0] == f"{SAMPLE_000}.html"
    assert report.stat().st_mtime >= sample_build.settings.published_path.stat().st_mtime
    assert not list(report.parent.glob(f".{REPORT_DIR}.building-*"))


@pytest.mark.integration
def test_the_report_says_which_build_it_shows(sample_build: SampleBuild, tmp_path: Path) -> None:
    """`notices run` makes the report again, on a night with nothing new, when this says no."""
    report = shutil.copytree(sample_build.settings.data_dir / REPORT_DIR, tmp_path / REPORT_DIR, symlinks=False)
    [(built_at,)] = (
        duckdb.connect(str(sample_build.settings.published_path), read_only=True)
        .execute("SELECT built_at FROM meta.build_info")
        .fetchall()
    )
    assert report_shows(report, built_at)
    assert not report_shows(report, built_at - datetime.timedelta(microseconds=1))  # the build before
    assert not report_shows(report, None)  # no published build
    shown = json.loads((report / SHOWN_BUILD).read_text(encoding="utf-8"))
    (report / SHOWN_BUILD).write_text(json.dumps({**shown, "report_code": "0" * 32}), encoding="utf-8")
    assert not report_shows(report, built_at)  # made by other report code
    (report / SHOWN_BUILD).unlink()
    assert not report_shows(report, built_at)  # made before reports said what they show


@pytest.mark.integration
def test_the_report_asset_comes_after_publish() -> None:
    import dagster as dg

    from dagster_project.definitions import defs
    from dagster_project.run import ensure_dbt_manifest

    ensure_dbt_manifest()
    graph = defs().resolve_asset_graph()
    report = graph.get(dg.AssetKey("notices_report"))
    assert report.group_name == "publish"
    assert report.parent_keys == {dg.AssetKey("published_warehouse")}


@pytest.mark.integration
def test_notices_report_prints_where_and_how_many_pages(sample_build: SampleBuild, tmp_path: Path) -> None:
    (tmp_path / "warehouse").mkdir()
    shutil.copyfile(sample_build.settings.published_path, tmp_path / "warehouse" / "notices.duckdb")
    notices = shutil.which("notices")
    assert notices
    env = {**os.environ, "NOTICES_DATA_DIR": str(tmp_path)}
    result = subprocess.run([notices, "report"], env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"report: {tmp_path / REPORT_DIR / 'index.html'}",
        "pages: 10 (3 notices, 3 organisations; 0 unchanged, linked from the previous report); "
        "3 notices whose numbers disagree",
    ]
    assert (tmp_path / REPORT_DIR / "notices" / f"{SAMPLE_000}.html").is_file()
    again = subprocess.run([notices, "report"], env=env, capture_output=True, text=True, timeout=300)
    assert "(3 notices, 3 organisations; 6 unchanged, linked from the previous report)" in again.stdout


@pytest.mark.integration
def test_only_the_pages_of_what_changed_are_rendered_again(sample_build: SampleBuild, tmp_path: Path) -> None:
    warehouse, out_dir = tmp_path / "notices.duckdb", tmp_path / REPORT_DIR
    shutil.copyfile(sample_build.settings.published_path, warehouse)
    first = build_report(warehouse, out_dir)
    first_set = out_dir.resolve()
    with duckdb.connect(str(warehouse)) as connection:
        connection.execute(
            "UPDATE marts.fct_issue SET title = '改写后的问题标题' WHERE notice_id = ? AND issue_seq = 1", [SAMPLE_000]
        )
    second = build_report(warehouse, out_dir)
    assert (first.pages_linked, second.pages_linked) == (0, 5)  # every page but sample 000's

    def same_file(page: str) -> bool:
        return (first_set / page).stat().st_ino == (out_dir / page).stat().st_ino

    changed, unchanged = f"{NOTICES_DIR}/{SAMPLE_000}.html", f"{NOTICES_DIR}/{SAMPLE_001}.html"
    assert not same_file(changed) and "改写后的问题标题" in _read(second, changed)
    assert same_file(unchanged) and _read(second, unchanged) == (first_set / unchanged).read_text(encoding="utf-8")
    assert not same_file("index.html")  # the top pages show the build: always rendered
    # A previous set without its digests (an older layout) is not trusted: every page is rendered.
    (out_dir / PAGE_DIGESTS).unlink()
    assert build_report(warehouse, out_dir).pages_linked == 0


@pytest.mark.integration
def test_pages_rendered_by_workers_are_those_this_process_renders(sample_build: SampleBuild, tmp_path: Path) -> None:
    published, roots = sample_build.settings.published_path, (sample_build.settings.data_dir, REPO_ROOT)
    # Sibling folders: the links to the stored samples, relative to the site, are the same.
    alone = build_report(published, tmp_path / "alone" / REPORT_DIR, roots)
    by_workers = build_report(published, tmp_path / "workers" / REPORT_DIR, roots, pool_from=1, top_pages_worker_from=1)
    assert (alone.rendering_workers, by_workers.rendering_workers) == (0, usable_cores())
    # The top pages too: written by a worker from `pool_from` notices on, which counts the same.
    assert (alone.notices_disagreeing, by_workers.notices_disagreeing) == (3, 3)
    pages = [page.relative_to(alone.out_dir) for page in _pages(alone)]
    assert [page.relative_to(by_workers.out_dir) for page in _pages(by_workers)] == pages
    assert len([page for page in pages if page.parts[0] == NOTICES_DIR]) == 3
    assert len([page for page in pages if page.parts[0] == ORGANIZATIONS_DIR]) == 3
    for page in pages:
        assert (by_workers.out_dir / page).read_bytes() == (alone.out_dir / page).read_bytes(), page


@pytest.mark.integration
def test_workers_render_the_organisation_pages_when_no_notice_page_changed(
    sample_build: SampleBuild, tmp_path: Path
) -> None:
    published, out_dir = sample_build.settings.published_path, tmp_path / REPORT_DIR
    first = build_report(published, out_dir)
    before = {page.relative_to(out_dir): page.read_bytes() for page in _pages(first)}
    digests = json.loads((out_dir / PAGE_DIGESTS).read_text(encoding="utf-8"))
    kept = {page: digest for page, digest in digests.items() if not page.startswith(ORGANIZATIONS_DIR)}
    (out_dir / PAGE_DIGESTS).write_text(json.dumps(kept), encoding="utf-8")  # as if every organisation changed
    second = build_report(published, out_dir, pool_from=1)
    assert (second.pages_linked, second.rendering_workers) == (3, usable_cores())  # the three notice pages
    assert {page.relative_to(out_dir): page.read_bytes() for page in _pages(second)} == before


def test_each_read_only_connection_spills_into_a_folder_of_its_own(tmp_path: Path) -> None:
    warehouse = tmp_path / "notices.duckdb"
    duckdb.connect(str(warehouse)).close()
    folders, threads = [], []
    for wanted in (0, 1):
        with read_only(warehouse, "64MB", threads=wanted) as connection:
            [(folder, thread_count)] = connection.execute(
                "SELECT current_setting('temp_directory'), current_setting('threads')"
            ).fetchall()
            folders.append(Path(folder))
            threads.append(thread_count)
            assert folders[-1].is_dir()
    assert folders[0] != folders[1] and all(folder.parent == tmp_path for folder in folders)
    assert all(folder.name.startswith(SPILL_PREFIX) and not folder.exists() for folder in folders)  # removed after
    assert threads[1] == 1


@pytest.mark.integration
def test_notices_report_without_a_published_warehouse_is_one_line(tmp_path: Path) -> None:
    notices = shutil.which("notices")
    assert notices
    env = {**os.environ, "NOTICES_DATA_DIR": str(tmp_path)}
    result = subprocess.run([notices, "report"], env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert result.stderr == (
        f"notices: error: no published warehouse at {tmp_path / 'warehouse' / 'notices.duckdb'}; `notices run` builds it\n"
    )
    assert not (tmp_path / REPORT_DIR).exists()


# --- in a real browser -------------------------------------------------------------------------


def _chromium() -> str:
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("chromium is not installed (.ci/run installs the Debian package chromium)")
    return chromium


def _browse(chromium: str, page: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1200,1600", *args]
    return subprocess.run(
        [*command, page.as_uri()], capture_output=True, text=True, timeout=CHROMIUM_TIMEOUT_SECONDS, check=True
    )


@pytest.mark.integration
@pytest.mark.parametrize("page", ["index.html", f"notices/{SAMPLE_000}.html"])
def test_chromium_renders_the_page_with_charts_and_the_hostile_title_as_text(
    hostile_report: ReportSummary, tmp_path: Path, page: str
) -> None:
    from PIL import Image, ImageStat

    chromium = _chromium()
    path = hostile_report.out_dir / page
    screenshot = tmp_path / "page.png"
    _browse(chromium, path, f"--screenshot={screenshot}")
    with Image.open(screenshot) as image:
        rgb = image.convert("RGB")
        colours = rgb.getcolors(maxcolors=1 << 24) or []
        assert len(colours) >= MIN_SCREENSHOT_COLOURS
        assert max(ImageStat.Stat(rgb.convert("L")).stddev) >= MIN_SCREENSHOT_STDDEV
    dom = _browse(chromium, path, "--dump-dom").stdout
    assert ("<svg" in dom) == (page == "index.html")  # notice pages hold tables, not charts: one per
    # notice would cost a chart render each night for every notice
    assert SAMPLE_ISSUERS[1] in dom if page == "index.html" else SAMPLE_ISSUERS[0] in dom
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom  # the title, as text
    elements = parse_page(dom).elements
    assert not [tag for tag, _ in elements if tag in ("script", "img")]
    assert not [attrs for _, attrs in elements if "onerror" in attrs]


def test_rows_by_notice_hands_out_each_notices_rows_across_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(queries, "FETCH_ROWS", 2)  # notice b's rows span two batches
    with duckdb.connect() as connection:
        connection.execute(
            "CREATE TABLE t AS SELECT * FROM (VALUES ('a', 1), ('b', 1), ('b', 2), ('d', 1)) AS v(notice_id, seq)"
        )
        reader = queries.RowsByNotice(connection, "SELECT notice_id, seq FROM t ORDER BY notice_id, seq")
        try:
            # c has no rows; 0 comes before every id; the rows of a notice asked for are all of them.
            got = {notice: [row["seq"] for row in reader.rows_of(notice)] for notice in ("0", "a", "b", "c", "d", "e")}
        finally:
            reader.close()
    assert got == {"0": [], "a": [1], "b": [1, 2], "c": [], "d": [1], "e": []}


def test_notice_digests_change_with_a_row_and_not_with_the_order() -> None:
    with duckdb.connect() as connection:
        connection.execute(
            "CREATE TABLE t AS SELECT * FROM (VALUES ('a', 1, 'x'), ('a', 2, 'y'), ('b', 1, 'z')) AS v(notice_id, seq, text)"
        )
        before = queries.notice_digests(connection, "SELECT * FROM t ORDER BY notice_id, seq")
        assert set(before) == {"a", "b"}  # a notice without rows has no digest
        assert before == queries.notice_digests(connection, "SELECT * FROM t ORDER BY seq DESC")
        connection.execute("UPDATE t SET text = 'y!' WHERE notice_id = 'a' AND seq = 2")
        after = queries.notice_digests(connection, "SELECT * FROM t")
        assert after["a"] != before["a"] and after["b"] == before["b"]
        connection.execute("INSERT INTO t VALUES ('b', 1, 'z')")  # the same row twice is another page
        assert queries.notice_digests(connection, "SELECT * FROM t")["b"] != before["b"]


def test_notice_digests_tell_apart_swapped_values_and_a_null_from_an_empty_text() -> None:
    """Rows are hashed as structs: which field holds a value, and null against '', both count."""
    with duckdb.connect() as connection:
        digest = {
            values: queries.notice_digests(connection, f"SELECT * FROM (VALUES {values}) AS v(notice_id, title, text)")[
                "a"
            ]
            for values in ("('a', 'x', 'y')", "('a', 'y', 'x')", "('a', NULL, 'y')", "('a', '', 'y')")
        }
        assert len(set(digest.values())) == 4


def test_rows_by_notice_reads_only_the_notices_registered_as_rendered() -> None:
    import pyarrow as pa

    with duckdb.connect() as connection:
        connection.execute("CREATE SCHEMA marts")
        connection.execute(
            "CREATE TABLE marts.fct_evidence AS SELECT 'a' AS notice_id, 'title' AS fact_name, 't' AS evidence_text"
        )
        connection.execute("INSERT INTO marts.fct_evidence VALUES ('b', 'title', 'u')")
        rendered = {queries.RENDERED_NOTICES: pa.table({"notice_id": ["b"]})}
        reader = queries.RowsByNotice(connection, queries.per_notice_sql("evidence", True), rendered)
        try:
            assert [reader.rows_of(notice) for notice in ("a", "b")] == [
                [],
                [{"notice_id": "b", "fact_name": "title", "evidence_text": "u"}],
            ]
        finally:
            reader.close()


def _report_queries() -> dict[str, str]:
    """Every query of the report as it runs: the module's SQL, the per-notice ones over every notice."""
    found = {name: sql for name, sql in vars(queries).items() if name.isupper() and isinstance(sql, str)}
    found = {name: sql for name, sql in found.items() if sql.lstrip().upper().startswith(("SELECT", "WITH"))}
    # Not queries of their own: the CTE the others begin with, and the per-notice templates (below).
    found = {name: sql for name, sql in found.items() if name != "STORED_FILES" and "{only}" not in sql}
    found |= {f"per notice: {part}": queries.per_notice_sql(part, False) for part in queries.PER_NOTICE}
    return found


@pytest.mark.integration
def test_no_report_query_joins_by_nested_loop(sample_build: SampleBuild) -> None:
    """A join whose condition is not a key of both sides is a nested loop, which compares every row
    with every row: the discrepancies query took 18 s so at 100,000 notices (0.4 s as a hash join)."""
    found = _report_queries()
    assert {"DISCREPANCIES", "NOTICE_HEADERS", "NOTICE_LIST", "per notice: issues"} <= set(found)
    with duckdb.connect(str(sample_build.settings.published_path), read_only=True) as connection:
        plans = {name: connection.execute(f"EXPLAIN {sql}").fetchall()[0][1] for name, sql in found.items()}
        looping = connection.execute(
            "EXPLAIN SELECT * FROM marts.fct_reconciliation AS r LEFT JOIN marts.fct_evidence AS e "
            "ON e.notice_id = r.notice_id AND r.check_name = 'problems'"
        ).fetchall()[0][1]
    assert "NL_JOIN" in looping  # what the check looks for, in a plan that has it
    assert [name for name, plan in plans.items() if "NL_JOIN" in plan] == []


def test_discrepancies_come_by_issuer_nulls_last_with_the_sentence_of_each_claim() -> None:
    """The order an ORDER BY issuer NULLS LAST, notice, check would give (sorted in Python), and the
    evidence: the headline claim's, else the fact's, else for the problem count the total's."""
    with duckdb.connect() as connection:
        connection.execute("CREATE SCHEMA marts")
        connection.execute(
            "CREATE TABLE marts.fct_reconciliation AS SELECT * FROM (VALUES "
            "('n1', 'problems', 29, 28, -1, 29.0, 28.0, false), ('n2', 'completed', 26, 25, -1, 26.0, 25.0, false), "
            "('n3', 'problems', 5, 5, 0, 5.0, 5.0, true), ('n4', 'problems', 9, 8, -1, 9.0, 8.0, false), "
            "('n4', 'completed', 9, 7, -2, 9.0, 7.0, false)"
            ") AS v(notice_id, check_name, claimed_count, listed_count, difference, claimed_value, computed_value, "
            "is_consistent)"
        )
        connection.execute(
            "CREATE TABLE marts.dim_notice AS SELECT * FROM (VALUES ('n1', 't1', NULL, NULL), "
            "('n2', 't2', '中共乙县委', NULL), ('n3', 't3', '中共甲县委', NULL), ('n4', 't4', '中共甲县委', 'https://x.cn/4'))"
            " AS v(notice_id, title, issuer, source_url)"
        )
        connection.execute(
            "CREATE TABLE marts.fct_document AS SELECT * FROM (VALUES ('n1', 'inbox/1.txt'), ('n1', 'inbox/0.txt')) "
            "AS v(notice_id, stored_path)"
        )
        connection.execute(
            "CREATE TABLE marts.fct_claim AS SELECT * FROM (VALUES ('n2', 'main', 'completed', '已完成26个')) "
            "AS v(notice_id, claim_scope, status, evidence_text)"
        )
        connection.execute(
            "CREATE TABLE marts.fct_evidence AS SELECT * FROM (VALUES ('n1', 'claims.total', '共29个问题'), "
            "('n4', 'claims.problems', '反馈问题9个'), ('n4', 'claims.completed', '已整改9个'), "
            "('n4', 'claims.total', '共9个'), ('n2', 'title', '通报')) AS v(notice_id, fact_name, evidence_text)"
        )
        found = queries.discrepancies(connection)
    # By code point, as DuckDB orders VARCHAR: 乙 (U+4E59) before 甲 (U+7532); a null issuer last.
    assert [(row["notice_id"], row["check_name"]) for row in found] == [
        ("n2", "completed"),
        ("n4", "completed"),
        ("n4", "problems"),
        ("n1", "problems"),
    ]
    assert [row["evidence_text"] for row in found] == ["已完成26个", "已整改9个", "反馈问题9个", "共29个问题"]
    assert found[3]["stored_path"] == "inbox/0.txt"


def test_duckdbs_cached_blocks_are_given_back_and_its_cap_restored(tmp_path: Path) -> None:
    """A read-only connection keeps the blocks a query read, up to its cap; lowering the cap for a
    moment gives them back. With a result still open, what it holds stays and nothing fails."""
    path = tmp_path / "cached.duckdb"
    with duckdb.connect(str(path)) as writer:
        writer.execute(
            "CREATE TABLE t AS SELECT i, md5(i::VARCHAR) || md5((-i)::VARCHAR) AS text FROM range(1000000) r(i)"
        )

    def cached_mb(connection: duckdb.DuckDBPyConnection) -> int:
        [(mb,)] = connection.execute("SELECT sum(memory_usage_bytes) // 1000000 FROM duckdb_memory()").fetchall()
        return int(mb)

    with read_only(path, "256MB") as connection:
        connection.execute("SELECT count(DISTINCT text) FROM t").fetchall()
        before = cached_mb(connection)
        give_back_cached_memory(connection, "256MB")
        after = cached_mb(connection)
        [(limit,)] = connection.execute("SELECT current_setting('memory_limit')").fetchall()
        open_result = connection.cursor().execute("SELECT * FROM t ORDER BY text DESC")
        give_back_cached_memory(connection, "256MB")  # the sort's rows are held: nothing to give
        assert len(open_result.fetchmany(3)) == 3
    assert before >= 30 and after <= 16, (before, after)  # down to CACHE_FLOOR
    assert limit == "244.1 MiB"  # 256 MB as DuckDB prints it
