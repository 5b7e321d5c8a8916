"""`notices run` with a crawled source: fetch rows, stored pages, parsed notices, and a quiet second night."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from pytest_httpserver import HTTPServer

from dagster_project.run import run_pipeline
from dagster_project.settings import load_settings

pytestmark = pytest.mark.integration  # runs the pipeline, a loopback site or a subprocess


def test_crawled_notices_reach_the_marts(site: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sources = tmp_path / "sources.yaml"
    sources.write_text(
        "crawl: {min_delay_seconds: 0, timeout_seconds: 0.5, retries: 1, backoff_seconds: 0.05}\n"
        f"sources:\n  - name: fixture\n    start_urls: ['{site.url_for('/xcgz/index.html')}']\n"
        "    title_keywords: ['整改']\nlocal_dirs: []\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("NOTICES_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("NOTICES_SOURCES", str(sources))
    monkeypatch.delenv("NOTICES_DUCKDB_PATH", raising=False)
    settings = load_settings()
    summary = run_pipeline(settings)
    assert summary.published and (summary.documents_new, summary.documents_failed) == (5, 0)
    with duckdb.connect(str(settings.published_path), read_only=True) as connection:
        outcomes = dict(
            connection.execute(
                "select regexp_extract(url, '/[^/]+$'), outcome from raw.fetch_log where kind <> 'list'"
            ).fetchall()
        )
        marked = dict(
            connection.execute(
                "select regexp_extract(d.url, '/[^/]+$'), n.is_rectification_notice from raw.documents d "
                "join raw.notices n using (notice_id)"
            ).fetchall()
        )
        in_marts = connection.execute("select count(*) from marts.dim_notice where source_url is not null").fetchone()
    assert outcomes["/draft.html"] == "robots_forbidden" and outcomes["/missing.html"] == "failed"
    assert marked["/start.html"] is False  # an inspection-start announcement: stored, marked, not in the marts
    assert marked["/notice.html"] is True
    assert marked["/notice.pdf"] is False  # the attachment was fetched, stored and read (its text is English)
    # notice.html and new.html carry the same notice (loaded once); attached.html is titled as one.
    assert in_marts == (2,)
    failed_first_night = {path for path, outcome in outcomes.items() if outcome == "failed"}
    assert failed_first_night == {"/missing.html", "/slow.html", "/flaky.html"}  # flaky: 500 twice, one retry
    site.clear_log()
    again = run_pipeline(settings)
    requested = {r.path.rsplit("/", 1)[1] for r, _ in site.log if r.path.startswith(("/a/", "/files/"))}
    # Only what failed last night is asked for again; flaky.html now answers and is new.
    assert requested == {"missing.html", "slow.html", "flaky.html"}
    assert again.documents_new == 1
