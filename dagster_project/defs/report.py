"""The report: the static site rebuilt from the published warehouse after each publish."""

import dagster as dg

from ..report import build_data_dir_report
from .publish import published_warehouse_asset
from .resources import NoticesSettings


def notices_report_asset() -> dg.AssetsDefinition:
    @dg.asset(
        group_name="publish",
        deps=[published_warehouse_asset().key],
        description="<data dir>/report/: a static site of the published warehouse (overview, discrepancies, "
        "topics, data quality, a page per notice and per organisation), swapped in atomically.",
    )
    def notices_report(context: dg.AssetExecutionContext, notices: NoticesSettings) -> dg.MaterializeResult:
        summary = build_data_dir_report(notices.resolved())
        context.log.info(
            f"report: {summary.pages} pages ({summary.pages_linked} unchanged, linked) in {summary.out_dir}"
        )
        return dg.MaterializeResult(
            metadata={
                "path": str(summary.out_dir),
                "index": dg.MetadataValue.path(str(summary.out_dir / "index.html")),
                "pages": summary.pages,
                "notice_pages": summary.notice_pages,
                "organization_pages": summary.organization_pages,
                "pages_linked": summary.pages_linked,
                "rendering_workers": summary.rendering_workers,
            }
        )

    return notices_report
