"""The search index: problems and measures segmented and indexed for BM25, in the build file."""

import time

import dagster as dg

from ..publish import CHANGED_NOTICES, marts_are_this_codes
from ..search import build_search_index
from .dbt import notices_dbt_assets
from .resources import NoticesSettings

# The marts that marts.search_documents and the marts.search_issues macro read.
SEARCHED_MARTS = ("dim_notice", "fct_issue", "fct_measure")
SEARCH_INDEX_KEY = dg.AssetKey(["marts", "search_documents"])


def search_index_asset() -> dg.AssetsDefinition:
    @dg.asset(
        key=SEARCH_INDEX_KEY,
        group_name="marts",
        deps=[key for key in notices_dbt_assets().keys if key.path[-1] in SEARCHED_MARTS],
        description="One row per problem and measure, segmented by rjieba, with its fts index and the "
        "marts.search_issues(query) macro (BM25).",
    )
    def search_index(context: dg.AssetExecutionContext, notices: NoticesSettings) -> dg.MaterializeResult:
        started = time.perf_counter()
        settings = notices.resolved()
        # As for dbt and the checks: with the published marts this code's, only the notices loaded
        # this run are segmented again.
        changed = CHANGED_NOTICES if marts_are_this_codes(settings) else None
        with settings.connect_build() as connection:
            documents = build_search_index(connection, changed)
        seconds = time.perf_counter() - started
        context.log.info(f"search index: {documents} problems and measures in {seconds:.1f} s")
        return dg.MaterializeResult(metadata={"documents": documents, "seconds": round(seconds, 2)})

    return search_index
