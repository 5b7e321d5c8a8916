"""`notices parse` as a user runs it. The cases run the Typer app in-process (CliRunner); one smoke
test runs the installed console script in a subprocess, as a user's shell does."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import SAMPLES
from typer.testing import CliRunner

from dagster_project.cli import app

NOTICES = shutil.which("notices")


@dataclass
class Outcome:
    returncode: int
    stdout: str
    stderr: str


def run(*args: str) -> Outcome:
    result = CliRunner().invoke(app, list(args))
    assert not isinstance(result.exception, BaseException) or isinstance(result.exception, SystemExit), (
        f"uncaught {result.exception!r}"  # a user must never get a traceback
    )
    return Outcome(result.exit_code, result.stdout, result.stderr)


@pytest.mark.integration  # spawns the installed console script
def test_console_script_prints_a_notice() -> None:
    assert NOTICES, "the notices console script is not installed"
    result = subprocess.run(
        [NOTICES, "parse", str(SAMPLES / "000_6c1e6bb6a10f6a96.txt")], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["is_rectification_notice"] is True
    result = subprocess.run([NOTICES, "parse", "/nonexistent/notice.txt"], capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.startswith("notices: error: ") and result.stderr.count("\n") == 1


def test_parse_prints_one_json_object_with_every_key() -> None:
    result = run("parse", str(SAMPLES / "001_dd361c94b27cbe2f.txt"))
    assert result.returncode == 0, result.stderr
    notice = json.loads(result.stdout)
    assert list(notice) == [
        "title",
        "issuer",
        "inspection_kind",
        "inspector",
        "inspection_start",
        "inspection_end",
        "feedback_date",
        "as_of_date",
        "signed_date",
        "published_date",
        "is_rectification_notice",
        "notice_id",
        "claims",
        "extra_claims",
        "categories",
        "issues",
        "detection",
        "warnings",
        "text",
        "evidence",
    ]
    assert notice["claims"]["completed"] == 17 and len(notice["issues"]) == 24
    assert notice["inspection_start"] == "2022-07-15"
    quote = notice["evidence"]["claims.completed"]
    assert notice["text"][quote["start"] : quote["end"]] == quote["text"] and "已整改完成的问题17个" in quote["text"]


def test_gbk_text_file_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "notice.txt"
    path.write_bytes((SAMPLES / "003_62a7f6b933f753fb.txt").read_text(encoding="utf-8").encode("gb18030"))
    result = run("parse", str(path))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["inspector"] == "岳阳市委园区专项巡察组"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"", "empty document"),
        (b"   \n\n ", "empty document"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00", "binary file"),
        (b"\x80\x81\xfe\xff\xc0\xc1\x90\x91\x92", "undecodable bytes"),
        (b"%PDF-1.4 not really a pdf", "unreadable PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old word", "legacy Word .doc"),
    ],
)
def test_bad_input_is_one_line_on_stderr(tmp_path: Path, content: bytes | None, message: str) -> None:
    path = tmp_path / ("doc.pdf" if content and content.startswith(b"%PDF") else "doc.txt")
    if content is not None:
        path.write_bytes(content)
    result = run("parse", str(path))
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().split("\n")
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def test_a_directory_is_refused(tmp_path: Path) -> None:
    result = run("parse", str(tmp_path))
    assert result.returncode == 1 and "is a directory" in result.stderr and result.stdout == ""


def test_readable_text_that_is_not_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "weather.txt"
    path.write_text("今天天气很好，我们去公园散步。", encoding="utf-8")
    result = run("parse", str(path))
    assert result.returncode == 0
    notice = json.loads(result.stdout)
    assert notice["is_rectification_notice"] is False and notice["issues"] == []


def _fifo(folder: Path) -> Path:
    path = folder / "stream.txt"
    os.mkfifo(path)
    return path


def _sparse_50_mb(folder: Path) -> Path:
    path = folder / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda folder: Path("/dev/zero"), "not a regular file"),
        (_fifo, "not a regular file"),
        (_sparse_50_mb, "over the 20,971,520-byte limit"),
    ],
)
def test_endless_and_huge_inputs_are_refused_at_once(tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    result = run("parse", str(make(tmp_path)))
    assert result.returncode == 1 and result.stdout == ""
    lines = result.stderr.strip().split("\n")
    assert len(lines) == 1 and message in lines[0], result.stderr
