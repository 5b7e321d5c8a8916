"""`notices run` as a user runs it, when the configuration is wrong: one line, exit 1, nothing published."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration  # runs the pipeline, a loopback site or a subprocess


def test_bad_sources_file_is_one_line_and_publishes_nothing(tmp_path: Path) -> None:
    sources = tmp_path / "sources.yaml"
    sources.write_text("sources:\n  - name: broken\n    start_urls: []\n", encoding="utf-8")
    env = {**os.environ, "NOTICES_DATA_DIR": str(tmp_path), "NOTICES_SOURCES": str(sources)}
    env.pop("NOTICES_DUCKDB_PATH", None)
    notices = shutil.which("notices")
    assert notices
    result = subprocess.run([notices, "run"], env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    lines = result.stderr.strip().split("\n")
    assert len(lines) == 1, result.stderr
    assert "sources.0.start_urls" in lines[0] and "published warehouse is unchanged" in lines[0]
    assert f"{sources}:3:5:" in lines[0]  # file, line and column of the bad key
    assert result.stdout == ""  # refused before Dagster started
    assert "Traceback" not in result.stdout + result.stderr
    assert not (tmp_path / "warehouse" / "notices.duckdb").exists()
