"""Outcomes parsed ahead by the crawl partitions: kept, taken instead of parsing, and forgotten."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from conftest import SAMPLES

from dagster_project import ingest, parse_cache
from dagster_project.documents import DEFAULT_MAX_BYTES, Limits, Outcome, parse_path
from dagster_project.load.raw import ensure_raw_schema
from dagster_project.parse import PARSER_VERSION
from dagster_project.scrape.crawl import StoredDocument
from dagster_project.settings import Settings, load_settings

SAMPLE_000, SAMPLE_001 = sorted(SAMPLES.glob("*.txt"))[:2]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    (tmp_path / "raw" / "inbox").mkdir(parents=True)
    return load_settings({"NOTICES_DATA_DIR": str(tmp_path)})


def inbox_refs(settings: Settings, *samples: Path) -> list[ingest.DocumentRef]:
    for sample in samples:
        (settings.raw_dir / "inbox" / sample.name).write_bytes(sample.read_bytes())
    return ingest.local_documents(settings, ["raw/inbox"])


def test_a_kept_outcome_comes_back_equal(settings: Settings) -> None:
    outcome = parse_path(SAMPLE_000, "text/plain", DEFAULT_MAX_BYTES)
    assert outcome.status == "parsed" and outcome.notice is not None
    assert parse_cache.store(settings.raw_dir, "doc-a", outcome)
    assert (settings.raw_dir / "parsed" / PARSER_VERSION / "doc-a.json").is_file()
    assert parse_cache.take(settings.raw_dir, "doc-a") == outcome  # every field, dates and evidence included
    assert parse_cache.take(settings.raw_dir, "doc-b") is None


def test_only_the_parsers_verdicts_are_kept(settings: Settings) -> None:
    # A timeout or a dead worker says how busy the machine was: the build parses such a document again.
    assert not parse_cache.store(settings.raw_dir, "doc-a", Outcome("timeout", reason="took longer than 30 s"))
    assert not parse_cache.store(settings.raw_dir, "doc-b", Outcome("failed", reason="parsing worker died"))
    assert parse_cache.store(settings.raw_dir, "doc-c", Outcome("not_notice", reason=None))
    assert [p.name for p in parse_cache.cache_dir(settings.raw_dir).iterdir()] == ["doc-c.json"]


@pytest.mark.parametrize("body", ["", '{"status": "parsed", "notice": {"title": 3}', '{"status": "timeout"}'])
def test_an_unusable_file_is_no_outcome(settings: Settings, body: str) -> None:
    parse_cache.cache_dir(settings.raw_dir).mkdir(parents=True)
    (parse_cache.cache_dir(settings.raw_dir) / "doc-a.json").write_text(body, encoding="utf-8")
    assert parse_cache.is_kept(settings.raw_dir, "doc-a")
    assert parse_cache.take(settings.raw_dir, "doc-a") is None


def test_a_kept_outcome_is_used_instead_of_parsing(settings: Settings) -> None:
    [ref] = inbox_refs(settings, SAMPLE_000)
    # What is kept for sample 000's bytes is sample 001's notice: seeing it proves nothing was parsed
    # (no worker pool starts either: every document is taken).
    other = parse_path(SAMPLE_001, "text/plain", DEFAULT_MAX_BYTES)
    assert other.notice is not None
    parse_cache.store(settings.raw_dir, ref.document_id, other)
    taken: list[None] = []
    [document] = ingest.parsed_documents([ref], Limits(workers=1), settings.raw_dir, lambda: taken.append(None))
    assert document.rows is not None and document.rows.notice_id == other.notice.notice_id
    assert len(taken) == 1


def test_forget_deletes_what_was_loaded_and_other_parser_versions(settings: Settings) -> None:
    for document_id in ("doc-a", "doc-b"):
        parse_cache.store(settings.raw_dir, document_id, Outcome("not_notice"))
    older = settings.raw_dir / "parsed" / "src-older"
    older.mkdir()
    (older / "doc-c.json").write_text("{}", encoding="utf-8")
    parse_cache.forget(settings.raw_dir, ["doc-a"])
    assert [p.name for p in (settings.raw_dir / "parsed").iterdir()] == [PARSER_VERSION]
    assert [p.name for p in parse_cache.cache_dir(settings.raw_dir).iterdir()] == ["doc-b.json"]


@pytest.mark.integration  # parses in worker processes
def test_ingest_loads_outcomes_parsed_ahead_and_parses_the_rest(settings: Settings) -> None:
    refs = inbox_refs(settings, SAMPLE_000, SAMPLE_001)
    by_name = {ref.path.name: ref for ref in refs}
    ahead = by_name[SAMPLE_000.name]
    parse_cache.store(settings.raw_dir, ahead.document_id, parse_path(SAMPLE_000, "text/plain", DEFAULT_MAX_BYTES))
    # A file cut short is parsed after all, and not counted as parsed ahead.
    cut_short = by_name[SAMPLE_001.name]
    (parse_cache.cache_dir(settings.raw_dir) / f"{cut_short.document_id}.json").write_text('{"sta', encoding="utf-8")
    with duckdb.connect(":memory:") as connection:
        ensure_raw_schema(connection)
        report = ingest.ingest_documents(connection, refs, Limits(workers=1), refs, raw_dir=settings.raw_dir)
        statuses = connection.execute("SELECT parse_status, count(*) FROM raw.documents GROUP BY 1").fetchall()
        notices = connection.execute("SELECT count(*) FROM raw.notices WHERE is_rectification_notice").fetchone()
    assert (report.documents, report.failed, report.parsed_ahead) == (2, 0, 1)
    assert (statuses, notices) == ([("parsed", 2)], (2,))
    assert list(parse_cache.cache_dir(settings.raw_dir).iterdir()) == []  # loaded, so forgotten


def crawled(refs: list[ingest.DocumentRef]) -> list[StoredDocument]:
    return [StoredDocument("site", f"http://127.0.0.1/{ref.path.name}", ref.path, "text/plain") for ref in refs]


def test_parse_ahead_skips_what_is_kept(settings: Settings) -> None:
    refs = inbox_refs(settings, SAMPLE_000)
    parse_cache.store(settings.raw_dir, refs[0].document_id, Outcome("not_notice"))
    assert ingest.parse_ahead(settings, crawled(refs)) == 0  # no worker pool starts
    assert parse_cache.take(settings.raw_dir, refs[0].document_id) == Outcome("not_notice")


@pytest.mark.integration  # parses in worker processes
def test_parse_ahead_parses_only_what_the_published_warehouse_lacks(settings: Settings) -> None:
    refs = inbox_refs(settings, SAMPLE_000, SAMPLE_001)
    published, missing = sorted(refs, key=lambda ref: ref.path.name)
    settings.published_path.parent.mkdir(parents=True)
    with duckdb.connect(str(settings.published_path)) as connection:
        ensure_raw_schema(connection)
        ingest.ingest_documents(connection, [published], Limits(workers=1))
    assert ingest.parse_ahead(settings, crawled(refs)) == 1
    assert not parse_cache.is_kept(settings.raw_dir, published.document_id)
    outcome = parse_cache.take(settings.raw_dir, missing.document_id)
    assert outcome == parse_path(SAMPLE_001, "text/plain", DEFAULT_MAX_BYTES)
