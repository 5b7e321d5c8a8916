"""The report: a static site of the published warehouse (`notices report`, and the asset after
publish). A pure library: no Dagster, no network; charts are inline SVG drawn offline."""

from __future__ import annotations

from datetime import datetime

from ..settings import REPO_ROOT, Settings
from .build import ReportSummary, build_report, report_shows

REPORT_DIR = "report"


def build_data_dir_report(settings: Settings) -> ReportSummary:
    """The report of a data dir's published warehouse, in `<data dir>/report/`. Stored paths are
    relative to the data dir, or to the repository for the bundled samples (as ingest writes them)."""
    return build_report(settings.published_path, settings.data_dir / REPORT_DIR, (settings.data_dir, REPO_ROOT))


def data_dir_report_shows(settings: Settings, built_at: datetime | None) -> bool:
    """Whether `<data dir>/report/` shows the build made at `built_at`, by this report code."""
    return report_shows(settings.data_dir / REPORT_DIR, built_at)


__all__ = ["REPORT_DIR", "ReportSummary", "build_data_dir_report", "build_report", "data_dir_report_shows"]
