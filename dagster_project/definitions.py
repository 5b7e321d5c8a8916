"""The one Dagster code location. Loaded lazily: nothing is read or run at import time."""

import dagster as dg

from .defs.dbt import dbt_resource, notices_dbt_assets
from .defs.ingest import raw_tables, scraped_pages, source_documents
from .defs.jobs import inbox_sensor, nightly_job, nightly_schedule, progress_logger, report_job
from .defs.partitions import crawl_sources_job, crawled_source
from .defs.publish import published_warehouse_asset
from .defs.quality import ChecksWorkerResource, quality_checks
from .defs.report import notices_report_asset
from .defs.resources import settings_resource
from .defs.search import search_index_asset


@dg.definitions
def defs() -> dg.Definitions:
    return dg.Definitions(
        assets=[
            scraped_pages,
            crawled_source,
            source_documents,
            raw_tables,
            notices_dbt_assets(),
            search_index_asset(),
            published_warehouse_asset(),
            notices_report_asset(),
        ],
        asset_checks=[quality_checks()],
        jobs=[nightly_job, report_job, crawl_sources_job],
        schedules=[nightly_schedule],
        sensors=[inbox_sensor],
        resources={"dbt": dbt_resource(), "notices": settings_resource(), "checks_worker": ChecksWorkerResource()},
        loggers={"progress": progress_logger},
    )
