"""The nightly job, with the schedule and the inbox sensor that start it; the report job."""

import logging
import sys

import dagster as dg

from ..parse.formats import SUPPORTED_SUFFIXES
from .resources import NoticesSettings

# Everything but the per-source partitions of the crawl (a job's assets share one partitioning):
# the nightly job crawls in scraped_pages, or reads what the partitions crawled (defs/partitions.py).
nightly_job = dg.define_asset_job(
    "nightly",
    selection=dg.AssetSelection.all() - dg.AssetSelection.assets("crawled_source"),
    description="Ingest, parse, build the marts, check and publish.",
)

# A night with nothing new skips every step after the scan, the report's too. When the report does
# not show the published build (the run before died after publishing), `notices run` runs this.
report_job = dg.define_asset_job(
    "report",
    selection=dg.AssetSelection.assets("notices_report"),
    description="Make the report of the published warehouse again.",
)

nightly_schedule = dg.ScheduleDefinition(
    job=nightly_job,
    cron_schedule="0 2 * * *",
    execution_timezone="Asia/Shanghai",
    default_status=dg.DefaultScheduleStatus.RUNNING,
)


@dg.sensor(job=nightly_job, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING)
def inbox_sensor(context: dg.SensorEvaluationContext, notices: NoticesSettings) -> dg.SensorResult:
    """A run when files appear or change in raw/inbox/; the cursor is the newest file time seen."""
    inbox = notices.resolved().inbox_dir
    files = (
        [p for p in inbox.glob("**/*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES]
        if inbox.is_dir()
        else []
    )
    newest = max((p.stat().st_mtime for p in files), default=0.0)
    previous = float(context.cursor or 0)
    if newest <= previous:
        return dg.SensorResult(skip_reason="no new files in raw/inbox")
    return dg.SensorResult(run_requests=[dg.RunRequest(run_key=f"inbox-{newest}")], cursor=str(newest))


@dg.logger(
    config_schema={"verbose": dg.Field(bool, default_value=False)},
    description="Progress for the terminal (`notices run`): our own lines and step starts and failures.",
)
def progress_logger(init_context: dg.InitLoggerContext) -> logging.Logger:
    verbose = bool(init_context.logger_config["verbose"])
    logger = logging.getLogger("notices.progress")
    logger.setLevel(logging.INFO)
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    handler = logging.StreamHandler(sys.stdout)  # stderr is kept for the one-line error
    # A step failure's message holds its traceback; without --verbose the user gets its first line.
    handler.setFormatter(logging.Formatter("  %(message)s") if verbose else _FirstLineFormatter("  %(message)s"))
    handler.addFilter(lambda record: verbose or _is_progress(record))
    logger.addHandler(handler)
    logger.propagate = False
    return logger


class _FirstLineFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return super().format(record).split("\n", 1)[0]


def _is_progress(record: logging.LogRecord) -> bool:
    event = getattr(record, "dagster_meta", {}).get("dagster_event")
    if event is None:
        return record.levelno >= logging.INFO
    return event.event_type_value in ("STEP_START", "STEP_FAILURE")
