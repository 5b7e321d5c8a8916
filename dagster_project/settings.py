"""Where things live. Read from the environment when called, never at import time.

- NOTICES_DATA_DIR: root of `raw/` (landing files) and `warehouse/` (DuckDB files); default the repository.
- NOTICES_SOURCES: the sources file; default `sources.yaml` in the repository.
- NOTICES_DUCKDB_PATH: the DuckDB file a run builds into; default `<data dir>/warehouse/notices.build.duckdb`.
  Dagster's assets get it from the settings resource (defs/resources.py) and hand it to dbt as the
  `duckdb_path` var; dbt run by hand reads the variable itself (dbt/profiles.yml). Readers use the published
  `<data dir>/warehouse/notices.duckdb`, which a run replaces atomically when it succeeds.
- NOTICES_MAX_DOCUMENT_MB: documents larger than this are recorded as `too_large`, not read (default 20).
- NOTICES_PARSE_TIMEOUT: seconds one document may take to parse before it is recorded as `timeout` (30).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from .documents import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_SECONDS, Limits

REPO_ROOT = Path(__file__).resolve().parents[1]

# DuckDB takes 80% of the machine's memory by default and keeps what it took: a nightly run that
# shares the machine with readers caps each writer (the loader, dbt, the checks) and lets DuckDB
# spill to disk beyond it. dbt gets the same figures through its profile (`dbt_vars`).
DUCKDB_MEMORY_LIMIT = "512MB"
DUCKDB_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "memory_limit": DUCKDB_MEMORY_LIMIT,
    "preserve_insertion_order": False,
}

DBT_PROJECT_DIR = REPO_ROOT / "dbt"
EXPECTATIONS_DIR = REPO_ROOT / "expectations"


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    sources_file: Path
    build_path: Path
    limits: Limits = Limits()
    # DAGSTER_HOME, when set: `notices run` records its runs in that instance, so `dagster dev`
    # (which reads the same folder) shows what the nightly runs did. Unset: an ephemeral instance.
    dagster_home: Path | None = None
    # NOTICES_CATALOG=ducklake: each publish also commits the warehouse to a DuckLake catalog as one
    # snapshot (lake.py). The metadata is a DuckLake connection string (NOTICES_DUCKLAKE_METADATA:
    # a SQLite file by default, `postgres:dbname=… host=…` in production) and the data files go to
    # NOTICES_DUCKLAKE_DATA_PATH (a folder by default, `s3://bucket/lake/` in production).
    catalog: str = "duckdb"
    ducklake_metadata: str = ""
    ducklake_data_path: str = ""

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
    def previous_path(self) -> Path:
        """The warehouse the last publish replaced, kept to become the next build file (recycle.py)."""
        return self.warehouse_dir / "notices.previous.duckdb"

    @property
    def dbt_docs_dir(self) -> Path:
        """dbt's docs site of the published warehouse (`notices docs`)."""
        return self.data_dir / "dbt_docs"

    @property
    def parquet_dir(self) -> Path:
        """The marts as Parquet files, one per table: a symlink to the current set (see publish.py)."""
        return self.warehouse_dir / "parquet"

    def connect_build(self) -> duckdb.DuckDBPyConnection:
        """The build file, opened for writing within the memory the run may use."""
        return duckdb.connect(str(self.build_path), config=DUCKDB_CONFIG)

    @property
    def logs_dir(self) -> Path:
        """dbt's full log (dbt.log): the terminal shows one line per stage."""
        return self.data_dir / "logs"

    @property
    def dbt_target_dir(self) -> Path:
        """dbt's target path, the same every night so that dbt's partial parsing carries over."""
        return self.data_dir / "dbt_target"


# duckdb: the single published file (the default); ducklake: that file and a DuckLake snapshot.
CATALOGS = ("duckdb", "ducklake")


class SettingsError(ValueError):
    """A setting that cannot work; the message names the variable or folder and what to do."""


def _number(env: Mapping[str, str], name: str) -> float | None:
    value = env.get(name)
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        raise SettingsError(f"{name}={value!r} is not a number") from None
    if number <= 0:
        raise SettingsError(f"{name}={value!r} must be greater than 0")
    return number


def check_writable(settings: Settings) -> None:
    """Fail before start-up, in one line, if the run could not write its build and publish it."""
    home = [settings.dagster_home] if settings.dagster_home else []
    for folder in (settings.data_dir, settings.warehouse_dir, settings.build_path.parent, *home):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryFile(dir=folder):
                pass
        except OSError as error:
            raise SettingsError(
                f"{folder}: cannot write here ({error.strerror}); "
                f"set {'DAGSTER_HOME' if folder in home else 'NOTICES_DATA_DIR'} to a writable folder"
            ) from None


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if environ is None else environ
    data_dir = Path(env.get("NOTICES_DATA_DIR") or REPO_ROOT).resolve()
    sources = Path(env.get("NOTICES_SOURCES") or REPO_ROOT / "sources.yaml").resolve()
    build = env.get("NOTICES_DUCKDB_PATH")
    build_path = Path(build).resolve() if build else data_dir / "warehouse" / "notices.build.duckdb"
    max_mb = _number(env, "NOTICES_MAX_DOCUMENT_MB")
    timeout = _number(env, "NOTICES_PARSE_TIMEOUT")
    limits = Limits(
        max_bytes=int(max_mb * 1024 * 1024) if max_mb else DEFAULT_MAX_BYTES,
        timeout_seconds=timeout or DEFAULT_TIMEOUT_SECONDS,
    )
    dagster_home = Path(env["DAGSTER_HOME"]).resolve() if env.get("DAGSTER_HOME") else None
    catalog = env.get("NOTICES_CATALOG") or "duckdb"
    if catalog not in CATALOGS:
        raise SettingsError(f"NOTICES_CATALOG={catalog!r} must be one of {', '.join(CATALOGS)}")
    warehouse = data_dir / "warehouse"
    return Settings(
        data_dir=data_dir,
        sources_file=sources,
        build_path=build_path,
        limits=limits,
        dagster_home=dagster_home,
        catalog=catalog,
        ducklake_metadata=env.get("NOTICES_DUCKLAKE_METADATA") or f"sqlite:{warehouse / 'notices.ducklake'}",
        ducklake_data_path=env.get("NOTICES_DUCKLAKE_DATA_PATH") or f"{warehouse / 'lake'}/",
    )


def utc_now() -> datetime:
    """Now in UTC without a zone: DuckDB TIMESTAMP columns hold naive UTC throughout the warehouse."""
    return datetime.now(UTC).replace(tzinfo=None)
