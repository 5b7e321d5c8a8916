"""One bad document never stops the night: every failure is a row, the good notices are published."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest
from conftest import SAMPLES

from dagster_project.documents import DocumentFailure, Limits, display_path, parse_bounded, read_bounded
from dagster_project.run import run_pipeline
from dagster_project.settings import Settings, load_settings

GBK_NAME = "巡察整改通报.txt".encode("gbk")  # a name copied from a Windows/GBK disk: not UTF-8


def _hostile_folder(inbox: Path) -> None:
    inbox.mkdir(parents=True)
    for sample in SAMPLES.glob("*.txt"):
        shutil.copy(sample, inbox / sample.name)
        shutil.copy(sample, inbox / f"copy of {sample.name}")  # the same bytes: one document
    sample_000 = next(SAMPLES.glob("000_*.txt")).read_bytes()
    (Path(os.fsdecode(os.fsencode(inbox) + b"/" + GBK_NAME))).write_bytes(sample_000 + b"\n")
    (inbox / "empty.txt").write_bytes(b"")
    with open(inbox / "huge.txt", "wb") as huge:  # sparse: 50 MB on paper, nothing on disk
        huge.truncate(50 * 1024 * 1024)
    (inbox / "scan.pdf").write_bytes(b"%PDF-1.7 this is not a PDF at all")
    os.mkfifo(inbox / "stream.txt")
    (inbox / "README.md").write_text("notes about this folder", encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    data_dir = tmp_path_factory.mktemp("hostile")
    _hostile_folder(data_dir / "raw" / "inbox")
    sources = data_dir / "sources.yaml"
    sources.write_text("local_dirs: [raw/inbox]\n", encoding="utf-8")
    return load_settings({"NOTICES_DATA_DIR": str(data_dir), "NOTICES_SOURCES": str(sources)})


@pytest.mark.integration
def test_a_folder_of_bad_files_publishes_the_good_notices(hostile_settings: Settings) -> None:
    summary = run_pipeline(hostile_settings)
    assert summary.published and summary.notices_in_marts == 3
    with duckdb.connect(str(hostile_settings.published_path), read_only=True) as connection:
        rows = dict(
            connection.execute(
                "select stored_path, parse_status || ': ' || coalesce(parse_error, '') from raw.documents"
            ).fetchall()
        )
        build = connection.execute("select notices, documents, documents_failed from meta.build_info").fetchone()
    by_name = {Path(path).name: outcome for path, outcome in rows.items()}
    gbk_shown = display_path(GBK_NAME)
    assert gbk_shown == r"\xd1\xb2\xb2\xec\xd5\xfb\xb8\xc4\xcd\xa8\xb1\xa8.txt"
    assert by_name[gbk_shown] == "parsed: "  # its notice is sample 000's, loaded once
    assert by_name["empty.txt"] == "failed: empty document"
    assert by_name["huge.txt"] == "too_large: 52,428,800 bytes, over the 20,971,520-byte limit; not read"
    assert by_name["scan.pdf"].startswith("failed: unreadable PDF")
    assert by_name["stream.txt"] == "not_regular: not a regular file (FIFO, device or socket); not read"
    assert by_name["README.md"] == "unsupported: unsupported file type “.md”; not read"
    assert sum(outcome == "parsed: " for outcome in by_name.values()) == 4  # 3 samples + the GBK-named copy
    assert len(rows) == 9  # the copies are the same documents
    assert build == (3, 9, 5)


@pytest.mark.integration
def test_a_rerun_over_the_bad_files_changes_nothing(hostile_settings: Settings) -> None:
    published = hostile_settings.published_path
    if not published.exists():
        run_pipeline(hostile_settings)
    before = published.stat()
    summary = run_pipeline(hostile_settings)
    after = published.stat()
    assert (summary.documents_new, summary.published) == (0, False)
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_read_bounded_refuses_special_and_oversized_files(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 101)
    for path, status in (
        (Path("/dev/zero"), "not_regular"),
        (fifo, "not_regular"),
        (big, "too_large"),
        (tmp_path, "not_regular"),
        (tmp_path / "missing.txt", "unreadable"),
    ):
        with pytest.raises(DocumentFailure) as failure:
            read_bounded(path, max_bytes=100)
        assert failure.value.status == status, path
    assert read_bounded(big, max_bytes=101) == b"x" * 101


@pytest.mark.integration
def test_a_document_that_takes_too_long_is_recorded_as_timeout(tmp_path: Path) -> None:
    slow = tmp_path / "slow.txt"
    slow.write_text("巡察整改情况。" * 400_000, encoding="utf-8")  # seconds of work, far over 0.05 s
    quick = next(SAMPLES.glob("001_*.txt"))
    [(_, stuck)] = parse_bounded([(slow, None)], Limits(timeout_seconds=0.05, workers=1))
    assert stuck.status == "timeout" and stuck.notice is None
    assert stuck.reason == "parsing took longer than 0.05 s; stopped"
    [(_, fine)] = parse_bounded([(quick, None)], Limits(workers=1))
    assert fine.status == "parsed" and fine.notice is not None and fine.notice.claims.completed == 17


@pytest.mark.integration
def test_a_stuck_document_costs_only_itself_in_its_chunk(tmp_path: Path) -> None:
    """Documents are parsed in chunks; a chunk that times out is parsed again one by one, so its
    other documents are still read and results keep the order they were asked in."""
    slow = tmp_path / "slow.txt"
    slow.write_text("巡察整改情况。" * 400_000, encoding="utf-8")
    quick = sorted(SAMPLES.glob("*.txt"))
    jobs = [(quick[0], None), (slow, None), (quick[1], None), (quick[2], None)]
    results = list(parse_bounded(jobs, Limits(timeout_seconds=0.3, workers=1)))  # the slow one takes ~1 s
    assert [path for path, _ in results] == [path for path, _ in jobs]
    assert [outcome.status for _, outcome in results] == ["parsed", "timeout", "parsed", "parsed"]
