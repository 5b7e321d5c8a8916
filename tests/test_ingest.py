"""The ingest library: the scan index, streaming in batches, and what counts as new."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import duckdb
import pytest
from conftest import SAMPLES

from dagster_project import ingest
from dagster_project.documents import Limits
from dagster_project.load.raw import ensure_raw_schema
from dagster_project.settings import Settings, load_settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    (tmp_path / "raw" / "inbox").mkdir(parents=True)
    return load_settings({"NOTICES_DATA_DIR": str(tmp_path)})


def test_an_unchanged_file_is_not_read_again(settings: Settings) -> None:
    path = settings.data_dir / "raw" / "inbox" / "a.txt"
    path.write_text("关于巡察整改进展情况的通报", encoding="utf-8")
    info = path.stat()
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    [first] = ingest.local_documents(settings, ["raw/inbox"])
    assert (first.document_id, first.stored_path, first.modified_ns) == (sha, "raw/inbox/a.txt", info.st_mtime_ns)
    # The index's id is taken as it is when size and time agree: proof that the file was not read.
    index = {"raw/inbox/a.txt": (info.st_size, info.st_mtime_ns, "id-from-the-index")}
    [known] = ingest.local_documents(settings, ["raw/inbox"], index)
    assert known.document_id == "id-from-the-index"
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))  # touched: read and hashed again
    [touched] = ingest.local_documents(settings, ["raw/inbox"], index)
    assert touched.document_id == sha
    path.write_text("关于巡察整改进展情况的通报!", encoding="utf-8")  # rewritten: another size
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    [rewritten] = ingest.local_documents(settings, ["raw/inbox"], index)
    assert rewritten.document_id == hashlib.sha256(path.read_bytes()).hexdigest() != sha


@pytest.mark.integration  # parses in worker processes
def test_documents_stream_in_batches_and_every_one_is_a_row(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox = settings.data_dir / "raw" / "inbox"
    samples = sorted(SAMPLES.glob("*.txt"))
    for i in range(7):  # the three samples, made distinct, and a file that is not a notice
        text = samples[i % 3].read_text(encoding="utf-8").replace("。", f"。{i}", 1)
        (inbox / f"n{i}.txt").write_text(text, encoding="utf-8")
    (inbox / "weather.txt").write_text("今天天气很好。", encoding="utf-8")
    (inbox / "same_as_n0.txt").write_bytes((inbox / "n0.txt").read_bytes())  # one document, two files
    monkeypatch.setattr(ingest, "BATCH_DOCUMENTS", 3)
    loads: list[int] = []
    refs = ingest.local_documents(settings, ["raw/inbox"])
    with duckdb.connect(":memory:") as connection:
        ensure_raw_schema(connection)
        report = ingest.ingest_documents(connection, refs, Limits(workers=2), refs, on_progress=loads.append)
        documents = connection.execute("SELECT parse_status, count(*) FROM raw.documents GROUP BY 1 ORDER BY 1")
        assert documents.fetchall() == [("not_notice", 1), ("parsed", 7)]
        assert connection.execute("SELECT count(*) FROM raw.notices WHERE is_rectification_notice").fetchone() == (7,)
        assert connection.execute("SELECT count(*) FROM raw.files").fetchone() == (8,)
    assert (report.documents, report.failed, report.written["documents"]) == (8, 0, 8)
    assert loads == list(range(1, 9))


@pytest.mark.integration  # parses in worker processes
def test_pending_documents_are_the_ones_this_parser_has_not_read(settings: Settings) -> None:
    (settings.data_dir / "raw" / "inbox" / "a.txt").write_text("今天天气很好。", encoding="utf-8")
    refs = ingest.local_documents(settings, ["raw/inbox"])
    with duckdb.connect(":memory:") as connection:
        ensure_raw_schema(connection)
        assert ingest.pending_documents(connection, refs) == refs
        ingest.ingest_documents(connection, refs, Limits(workers=1), refs)
        assert ingest.pending_documents(connection, refs) == []
        connection.execute("UPDATE raw.documents SET parser_version = 'src-older'")
        assert ingest.pending_documents(connection, refs) == refs


def test_a_dangling_link_is_a_row_not_a_crash(settings: Settings) -> None:
    (settings.data_dir / "raw" / "inbox" / "gone.txt").symlink_to(settings.data_dir / "nowhere.txt")
    [ref] = ingest.local_documents(settings, ["raw/inbox"], {"raw/inbox/gone.txt": (1, 1, "id-from-the-index")})
    assert ref.failure is not None and (ref.failure.status, ref.failure.reason) == ("unreadable", "no such file")
