"""Per-source partitions: partition sync, crawl files, and what counts as a source that failed."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import dagster as dg

from dagster_project.defs.partitions import sync_source_partitions
from dagster_project.scrape.crawl import CrawlReport, FetchRecord, StoredDocument
from dagster_project.scrape.reports import crawl_failure, load_report, report_path, save_report


def fetch(url: str, kind: str, outcome: str, status: int | None, error: str | None = None) -> FetchRecord:
    stored = "raw/pages/ab/ab.html" if outcome == "new" else None
    return FetchRecord(
        "f-" + url[-6:], "市委/巡察", url, url, kind, status, datetime(2026, 3, 1, 2, 0, 5), None, "utf-8",
        "text/html", stored, outcome, error,
    )  # fmt: skip


def test_partitions_follow_the_sources_file() -> None:
    instance = dg.DagsterInstance.ephemeral()
    assert sync_source_partitions(instance, ["a", "b"]) == (["a", "b"], [])
    assert sync_source_partitions(instance, ["b", "c", "c"]) == (["c"], ["a"])
    assert sorted(instance.get_dynamic_partitions("sources")) == ["b", "c"]
    assert sync_source_partitions(instance, ["b", "c"]) == ([], [])
    assert sync_source_partitions(instance, []) == ([], ["b", "c"])
    assert instance.get_dynamic_partitions("sources") == []


def test_crawl_report_round_trips_through_its_file(tmp_path: Path) -> None:
    report = CrawlReport(
        "市委/巡察",
        [fetch("http://a.gov.cn/list.html", "list", "new", 200), fetch("http://a.gov.cn/x.html", "article", "failed", 404, "HTTP 404")],
        [StoredDocument("市委/巡察", "http://a.gov.cn/a.html", tmp_path / "raw/pages/ab/ab.html", "text/html")],
    )  # fmt: skip
    path = save_report(tmp_path / "raw", report)
    # A slash in a source's name stays inside one file name.
    assert path == tmp_path / "raw" / "crawls" / "%E5%B8%82%E5%A7%94%2F%E5%B7%A1%E5%AF%9F.json"
    assert path == report_path(tmp_path / "raw", "市委/巡察")
    assert load_report(tmp_path / "raw", "市委/巡察") == report
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # the temporary file was renamed
    assert load_report(tmp_path / "raw", "never crawled") is None


def test_a_source_fails_only_when_no_list_page_was_read() -> None:
    down = CrawlReport("a", [fetch("http://a.gov.cn/l1.html", "list", "failed", 500, "HTTP 500")])
    assert crawl_failure(down) == "no list page could be read: HTTP 500 at http://a.gov.cn/l1.html"
    refused = CrawlReport("a", [fetch("http://a.gov.cn/l1.html", "list", "robots_forbidden", None)])
    assert crawl_failure(refused) == "no list page could be read: robots_forbidden at http://a.gov.cn/l1.html"
    second_list_read = CrawlReport(
        "a",
        [fetch("http://a.gov.cn/l1.html", "list", "failed", 500, "HTTP 500"), fetch("http://a.gov.cn/l2.html", "list", "unchanged", 200)],
    )  # fmt: skip
    assert crawl_failure(second_list_read) is None
    article_failed = CrawlReport(
        "a",
        [fetch("http://a.gov.cn/l1.html", "list", "new", 200), fetch("http://a.gov.cn/x.html", "article", "failed", 404, "HTTP 404")],
    )  # fmt: skip
    assert crawl_failure(article_failed) is None
