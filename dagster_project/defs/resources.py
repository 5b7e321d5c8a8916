"""Settings as a Dagster resource: every asset gets the same paths and limits, from the environment.

The fields come from `dg.EnvVar`s when the variables are set (Dagster resolves them when a run
starts, and shows them in the UI); when one is not set, the same defaults as `load_settings` apply.
Nothing here writes the environment: dbt gets the build file as a `--vars` value.
"""

from __future__ import annotations

import os
from typing import Any

import dagster as dg

from ..settings import REPO_ROOT, Settings, load_settings

_VARIABLES = {
    "data_dir": "NOTICES_DATA_DIR",
    "sources_file": "NOTICES_SOURCES",
    "build_path": "NOTICES_DUCKDB_PATH",
    "max_document_mb": "NOTICES_MAX_DOCUMENT_MB",
    "parse_timeout": "NOTICES_PARSE_TIMEOUT",
    "catalog": "NOTICES_CATALOG",
    "ducklake_metadata": "NOTICES_DUCKLAKE_METADATA",
    "ducklake_data_path": "NOTICES_DUCKLAKE_DATA_PATH",
    "dagster_home": "DAGSTER_HOME",
}


class NoticesSettings(dg.ConfigurableResource):  # type: ignore[type-arg]
    """Where the data lives and how much work a document may cost (see settings.py)."""

    data_dir: str = str(REPO_ROOT)
    sources_file: str = ""
    build_path: str = ""
    max_document_mb: str = ""
    parse_timeout: str = ""
    catalog: str = ""
    ducklake_metadata: str = ""
    ducklake_data_path: str = ""
    dagster_home: str = ""

    @classmethod
    def of(cls, settings: Settings, progress_bars: bool = False, echo_dbt_log: bool = True) -> NoticesSettings:
        """The resource holding settings already read (`notices run` checks them before start-up)."""
        return cls(
            progress_bars=progress_bars,
            echo_dbt_log=echo_dbt_log,
            data_dir=str(settings.data_dir),
            sources_file=str(settings.sources_file),
            build_path=str(settings.build_path),
            max_document_mb=repr(settings.limits.max_bytes / 1024**2),
            parse_timeout=repr(settings.limits.timeout_seconds),
            catalog=settings.catalog,
            ducklake_metadata=settings.ducklake_metadata,
            ducklake_data_path=settings.ducklake_data_path,
            dagster_home=str(settings.dagster_home or ""),
        )

    # Set by `notices run` only: progress bars when its stdout is a terminal, and dbt's per-node
    # log kept out of the terminal (it is in <data dir>/logs/dbt.log) unless --verbose.
    progress_bars: bool = False
    echo_dbt_log: bool = True

    def resolved(self) -> Settings:
        values = {variable: getattr(self, field) for field, variable in _VARIABLES.items() if getattr(self, field)}
        return load_settings(values)


def settings_resource() -> NoticesSettings:
    """The resource, each field an EnvVar when its variable is set (read, never written, here)."""
    fields: dict[str, Any] = {f: dg.EnvVar(v) for f, v in _VARIABLES.items() if os.environ.get(v)}
    return NoticesSettings(**fields)
