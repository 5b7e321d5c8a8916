"""The report: a static site of the published warehouse (`notices report`, and the asset after
publish). A pure library: no Dagster, no network; charts are inline SVG drawn offline.

This module imports no more than `shown.py` does: `notices run` asks it, on a night with nothing
new, whether the report shows the published build (0.8 s of imports otherwise, a third of such a
night). `build.py` (Jinja, DuckDB, the charts) is imported when a report is made.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from ..settings import REPO_ROOT, Settings
from .shown import report_shows

if TYPE_CHECKING:
    from .build import ReportSummary

REPORT_DIR = "report"


def build_data_dir_report(settings: Settings) -> ReportSummary:
    """The report of a data dir's published warehouse, in `<data dir>/report/`. Stored paths are
    relative to the data dir, or to the repository for the bundled samples (as ingest writes them)."""
    from .build import build_report

    return build_report(settings.published_path, settings.data_dir / REPORT_DIR, (settings.data_dir, REPO_ROOT))


def data_dir_report_shows(settings: Settings, built_at: datetime | None) -> bool:
    """Whether `<data dir>/report/` shows the build made at `built_at`, by this report code."""
    return report_shows(settings.data_dir / REPORT_DIR, built_at)


__all__ = ["REPORT_DIR", "build_data_dir_report", "data_dir_report_shows"]
