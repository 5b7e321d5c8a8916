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
}


class NoticesSettings(dg.ConfigurableResource):  # type: ignore[type-arg]
    """Where the data lives and how much work a document may cost (see settings.py)."""

    data_dir: str = str(REPO_ROOT)
    sources_file: str = ""
    build_path: str = ""
    max_document_mb: str = ""
    parse_timeout: str = ""

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
