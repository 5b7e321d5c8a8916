"""`notices docs`: dbt's docs site with its catalog, read from the published file opened read-only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SampleBuild, copy_of_sample_build
from typer.testing import CliRunner

from dagster_project.cli import app

pytestmark = pytest.mark.integration  # runs dbt on the sample warehouse


def test_docs_hold_the_catalog_of_the_published_file_and_leave_it_untouched(
    sample_build: SampleBuild, tmp_path: Path
) -> None:
    settings = copy_of_sample_build(sample_build, tmp_path / "data")
    before = settings.published_path.stat()
    result = CliRunner().invoke(app, ["docs"], env={"NOTICES_DATA_DIR": str(settings.data_dir)})
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"dbt docs: {settings.dbt_docs_dir / 'static_index.html'}")
    catalog = json.loads((settings.dbt_docs_dir / "catalog.json").read_text(encoding="utf-8"))
    reconciliation = catalog["nodes"]["model.notices.fct_reconciliation"]
    assert reconciliation["metadata"]["database"] == "notices"
    assert reconciliation["columns"]["difference"]["comment"].startswith("listed_count − claimed_count")
    marts = {node["metadata"]["name"] for node in catalog["nodes"].values() if node["metadata"]["schema"] == "marts"}
    assert {"dim_notice", "fct_issue", "fct_inspection", "rpt_notice_progress"} <= marts
    assert (settings.dbt_docs_dir / "static_index.html").stat().st_size > 0
    after = settings.published_path.stat()
    assert (before.st_ino, before.st_mtime_ns, before.st_size) == (after.st_ino, after.st_mtime_ns, after.st_size)


def test_docs_without_a_published_warehouse_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["docs"], env={"NOTICES_DATA_DIR": str(tmp_path)})
    assert result.exit_code == 1
    assert result.output == (
        f"notices: error: no published warehouse at {tmp_path / 'warehouse' / 'notices.duckdb'}; `notices run` builds it\n"
    )
    assert not (tmp_path / "dbt_docs").exists()
