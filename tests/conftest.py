from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "raw" / "samples"


@pytest.fixture(scope="session")
def sample_text() -> dict[str, str]:
    """The three real sample notices by their number: '000', '001', '003'."""
    return {path.name[:3]: path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt"))}


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The published warehouse of the three samples, built once per test run; read it, never write it."""
    from dagster_project.run import run_pipeline
    from dagster_project.settings import load_settings

    data_dir = tmp_path_factory.mktemp("sample_warehouse")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NOTICES_DATA_DIR", str(data_dir))
        patch.delenv("NOTICES_DUCKDB_PATH", raising=False)
        patch.delenv("NOTICES_SOURCES", raising=False)
        settings = load_settings()
        summary = run_pipeline(settings)
    assert summary.published, "the sample warehouse was not published"
    return settings.published_path
