"""Where things live. Read from the environment when called, never at import time.

- NOTICES_DATA_DIR: root of `raw/` (landing files) and `warehouse/` (DuckDB files); default the repository.
- NOTICES_SOURCES: the sources file; default `sources.yaml` in the repository.
- NOTICES_DUCKDB_PATH: the DuckDB file a run builds into, read by Dagster and by dbt's profiles.yml
  alike; default `<data dir>/warehouse/notices.build.duckdb`. Readers use the published
  `<data dir>/warehouse/notices.duckdb`, which a run replaces atomically when it succeeds.
- NOTICES_MAX_DOCUMENT_MB: documents larger than this are recorded as `too_large`, not read (default 20).
- NOTICES_PARSE_TIMEOUT: seconds one document may take to parse before it is recorded as `timeout` (30).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from .documents import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_SECONDS, Limits

REPO_ROOT = Path(__file__).resolve().parents[1]
DBT_PROJECT_DIR = REPO_ROOT / "dbt"
EXPECTATIONS_DIR = REPO_ROOT / "expectations"


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    sources_file: Path
    build_path: Path
    limits: Limits = Limits()

    @property
    def raw_dir(self) -> Path:
        return self.data_dir / "raw"

    @property
    def pages_dir(self) -> Path:
        return self.raw_dir / "pages"

    @property
    def inbox_dir(self) -> Path:
        return self.raw_dir / "inbox"

    @property
    def warehouse_dir(self) -> Path:
        return self.data_dir / "warehouse"

    @property
    def published_path(self) -> Path:
        return self.warehouse_dir / "notices.duckdb"

    @property
    def data_docs_dir(self) -> Path:
        return self.data_dir / "data_docs"

    def export_for_dbt(self) -> None:
        """dbt runs as a subprocess and reads the build path from the one shared variable."""
        os.environ["NOTICES_DUCKDB_PATH"] = str(self.build_path)


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if environ is None else environ
    data_dir = Path(env.get("NOTICES_DATA_DIR") or REPO_ROOT).resolve()
    sources = Path(env.get("NOTICES_SOURCES") or REPO_ROOT / "sources.yaml").resolve()
    build = env.get("NOTICES_DUCKDB_PATH")
    build_path = Path(build).resolve() if build else data_dir / "warehouse" / "notices.build.duckdb"
    max_mb = env.get("NOTICES_MAX_DOCUMENT_MB")
    timeout = env.get("NOTICES_PARSE_TIMEOUT")
    limits = Limits(
        max_bytes=int(float(max_mb) * 1024 * 1024) if max_mb else DEFAULT_MAX_BYTES,
        timeout_seconds=float(timeout) if timeout else DEFAULT_TIMEOUT_SECONDS,
    )
    return Settings(data_dir=data_dir, sources_file=sources, build_path=build_path, limits=limits)


def utc_now() -> datetime:
    """Now in UTC without a zone: DuckDB TIMESTAMP columns hold naive UTC throughout the warehouse."""
    return datetime.now(timezone.utc).replace(tzinfo=None)
