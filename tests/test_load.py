"""Loading parsed documents into the raw tables: delete-and-insert, nothing stale left behind."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

import duckdb
import pytest
from conftest import REPO, SAMPLES

from dagster_project.documents import Limits, parse_bounded
from dagster_project.load.frames import ParsedDocument, table_frame, to_frames
from dagster_project.load.raw import replace_rows
from dagster_project.load.rows import notice_rows
from dagster_project.load.schema import SOURCES_YML, TABLES, sources_yaml
from dagster_project.parse import parse_document
from dagster_project.workers import PRELOADED


def _parsed(document_id: str, text: str, version: str) -> ParsedDocument:
    notice = notice_rows(parse_document(text.encode("utf-8"), "notice.txt"))
    now = datetime(2024, 1, 1)
    return ParsedDocument(
        document_id,
        "local:test",
        None,
        "notice.txt",
        "text/plain",
        len(text),
        now,
        version,
        now,
        notice,
        None,
        "parsed",
    )


def test_a_document_parsed_again_leaves_no_notice_of_its_earlier_reading() -> None:
    text = next(SAMPLES.glob("001_*.txt")).read_text(encoding="utf-8")
    connection = duckdb.connect()
    replace_rows(connection, to_frames([_parsed("doc-1", text, "old")]))
    first = connection.execute("select notice_id from raw.notices").fetchall()
    # The new parser reads the same document into another notice (here: its body changed).
    replace_rows(
        connection, to_frames([_parsed("doc-1", text.replace("根据市委统一部署", "按照市委统一部署", 1), "new")])
    )
    rows = connection.execute("select notice_id, parser_version from raw.notices").fetchall()
    assert len(rows) == 1 and rows[0][1] == "new" and rows[0][0] != first[0][0]
    assert connection.execute("select count(distinct notice_id) from raw.issues").fetchone() == (1,)
    assert connection.execute("select count(distinct notice_id) from raw.evidence").fetchone() == (1,)


def test_dbt_sources_file_is_the_one_the_raw_contract_produces() -> None:
    checked_in = (REPO / SOURCES_YML).read_text(encoding="utf-8")
    assert checked_in == sources_yaml(), "run: uv run python -m dagster_project.load.schema > " + SOURCES_YML


def test_the_contract_gives_ddl_and_frames_alike() -> None:
    connection = duckdb.connect()
    replace_rows(connection, {})
    for name, table in TABLES.items():
        columns = connection.execute(
            "select column_name from information_schema.columns where table_schema = 'raw' and table_name = ? "
            "order by ordinal_position",
            [name],
        ).fetchall()
        assert [c for (c,) in columns] == table.column_names == list(table_frame(name, []).columns)


def test_fct_document_accepts_exactly_the_statuses_ingest_records() -> None:
    import typing

    import yaml

    from dagster_project.documents import Status

    marts = yaml.safe_load((REPO / "dbt/models/marts/_marts.yml").read_text(encoding="utf-8"))
    [model] = [m for m in marts["models"] if m["name"] == "fct_document"]
    [column] = [c for c in model["columns"] if c["name"] == "parse_status"]
    [accepted] = [t["accepted_values"] for t in column["data_tests"] if isinstance(t, dict)]
    assert accepted["arguments"]["values"] == list(typing.get_args(Status))


def test_a_notice_loads_as_the_parser_read_it() -> None:
    """The rows a notice gives (made in the parsing worker) carry every fact of it into raw.*."""
    text = next(SAMPLES.glob("001_*.txt")).read_text(encoding="utf-8")
    document = _parsed("doc-1", text, "v1")
    connection = duckdb.connect()
    written = replace_rows(connection, to_frames([document, _parsed("doc-2", text, "v1")]))
    # The second document holds the same notice: its document row is kept, its notice rows are not.
    assert (written["documents"], written["notices"], written["issues"], written["measures"]) == (2, 1, 24, 70)
    title, source, feedback, parser = connection.execute(
        "select title, document_id, feedback_date, parser_version from raw.notices"
    ).fetchone()  # type: ignore[misc]
    assert (title, source, str(feedback), parser) == (
        "XX经济开发区党工委关于巡察整改进展情况的通报",
        "doc-1",
        "2022-09-30",
        "v1",
    )
    assert connection.execute("select total, completed from raw.claims where scope = 'main'").fetchall() == [(24, 17)]
    assert connection.execute("select count(*) from raw.evidence").fetchone() == (15,)
    assert connection.execute(
        "select parse_status, notice_id is not null from raw.documents order by document_id"
    ).fetchall() == [("parsed", True), ("parsed", True)]


def test_a_notice_without_rows_is_a_failed_document() -> None:
    failed = ParsedDocument(
        "doc-x", "local:test", None, "x.txt", "text/plain", 3, datetime(2024, 1, 1), "v1", datetime(2024, 1, 1),
        None, "parser error: boom",
    )  # fmt: skip
    frames = to_frames([failed])
    assert frames["documents"].select("parse_status", "parse_error").rows() == [("failed", "parser error: boom")]
    assert frames["notices"].height == 0


@pytest.mark.integration
def test_the_workers_send_the_rows_the_notice_gives(tmp_path: Path) -> None:
    path = next(SAMPLES.glob("000_*.txt"))
    [(_, outcome)] = parse_bounded([(path, None)], Limits(workers=1), as_rows=True)
    assert outcome.status == "parsed" and outcome.notice is None
    assert outcome.rows == notice_rows(parse_document(path.read_bytes(), path.name))


@pytest.mark.integration
def test_a_parsing_worker_imports_no_frame_library() -> None:
    """The workers import documents.py and load/rows.py: Polars there would cost each worker its memory."""
    code = "import sys, dagster_project.documents; print(sorted({'polars', 'duckdb', 'pyarrow'} & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert result.stdout.strip() == "[]"


PARSER_PROPER = ("dagster_project.parse.extract", "dagster_project.parse.notice")


@pytest.mark.integration
def test_the_run_process_imports_the_parser_proper_only_where_documents_are_parsed() -> None:
    """`notices run`'s process (the CLI and the definitions) imports the model, not the extraction
    and grammar its workers parse with; the workers' server preloads them, and `parse_text` is
    still there to be imported from the package."""
    code = (
        "import sys, dagster_project.cli, dagster_project.run\n"
        "from dagster_project.definitions import defs\n"
        "defs().resolve_job_def('nightly')\n"
        f"print(sorted(set({PARSER_PROPER!r}) & set(sys.modules)))\n"
        "from dagster_project.parse import parse_text\n"
        "print(parse_text.__module__)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert result.stdout.split() == ["[]", "dagster_project.parse.notice"]
    assert set(PARSER_PROPER) <= set(PRELOADED)


@pytest.mark.integration
def test_the_workers_server_starts_without_waiting_and_only_once() -> None:
    """`start_server` leaves one forkserver running (its imports go on beside the caller), and a
    second call starts no other; a pool then forks its workers from it."""
    code = (
        "import psutil\n"
        "from dagster_project.workers import start_server\n"
        "start_server(); start_server()\n"
        "print(sum('forkserver' in ' '.join(child.cmdline()) for child in psutil.Process().children()))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert result.stdout.strip() == "1"
