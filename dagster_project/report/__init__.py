"""The report: a static site of the published warehouse (`notices report`, and the asset after
publish). A pure library: no Dagster, no network; charts are inline SVG drawn offline."""

from __future__ import annotations

from ..settings import REPO_ROOT, Settings
from .build import ReportSummary, build_report

REPORT_DIR = "report"


def build_data_dir_report(settings: Settings) -> ReportSummary:
    """The report of a data dir's published warehouse, in `<data dir>/report/`. Stored paths are
    relative to the data dir, or to the repository for the bundled samples (as ingest writes them)."""
    return build_report(settings.published_path, settings.data_dir / REPORT_DIR, (settings.data_dir, REPO_ROOT))


__all__ = ["REPORT_DIR", "ReportSummary", "build_data_dir_report", "build_report"]
