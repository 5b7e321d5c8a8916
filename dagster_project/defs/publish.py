"""The published warehouse: the build file moved atomically onto warehouse/notices.duckdb."""

import dagster as dg

from ..publish import publish
from .dbt import notices_dbt_assets
from .resources import NoticesSettings
from .search import SEARCH_INDEX_KEY


def published_warehouse_asset() -> dg.AssetsDefinition:
    @dg.asset(
        group_name="publish",
        deps=[*notices_dbt_assets().keys, SEARCH_INDEX_KEY],  # the published file always carries the index
        description="warehouse/notices.duckdb, replaced atomically once every model and blocking check has passed.",
    )
    def published_warehouse(context: dg.AssetExecutionContext, notices: NoticesSettings) -> dg.MaterializeResult:
        settings = notices.resolved()
        snapshot = publish(settings)
        context.log.info(f"published {settings.published_path}")
        metadata: dict[str, str | int] = {"path": str(settings.published_path)}
        if snapshot is not None:
            context.log.info(
                f"DuckLake snapshot {snapshot.snapshot_id}: {snapshot.tables_by_rows} tables by rows, "
                f"{snapshot.tables_whole} whole"
            )
            metadata |= {"ducklake_snapshot": snapshot.snapshot_id, "ducklake_tables_by_rows": snapshot.tables_by_rows}
        return dg.MaterializeResult(metadata=metadata)

    return published_warehouse
