"""The Dagster code location: one Definitions, the nightly schedule, and the inbox sensor."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import dagster as dg
import pytest

from dagster_project.definitions import defs
from dagster_project.defs.dbt import InstalledDbtCliResource, dbt_resource
from dagster_project.defs.jobs import inbox_sensor, nightly_schedule
from dagster_project.defs.resources import NoticesSettings
from dagster_project.run import ensure_dbt_manifest


@pytest.fixture(scope="module")
def definitions() -> dg.Definitions:
    ensure_dbt_manifest()
    return defs()


def test_graph_has_every_stage_and_dbt_tests_as_checks(definitions: dg.Definitions) -> None:
    keys = {key.to_user_string() for key in definitions.resolve_all_asset_keys()}
    assert {
        "scraped_pages",
        "source_documents",
        "raw/notices",
        "raw/fetch_log",
        "marts/fct_reconciliation",
        "marts/dim_notice",
        "published_warehouse",
    } <= keys
    checks = {key.name for key in definitions.resolve_asset_graph().asset_check_keys}
    assert "unique_dim_notice_notice_id" in checks  # a dbt test
    assert "reconciliation__expect_column_pair_values_to_be_equal_claimed_count_listed_count" in checks  # a GX one
    nightly = definitions.resolve_job_def("nightly")
    assert {key.to_user_string() for key in nightly.asset_layer.asset_graph.get_all_asset_keys()} >= keys - {
        "raw/fetch_log",
        "crawled_source",  # partitioned by source: its own job, crawl_sources
    }


def test_groups_run_ingest_staging_marts_publish_and_sources_are_the_raw_tables(definitions: dg.Definitions) -> None:
    graph = definitions.resolve_asset_graph()
    group = {key.to_user_string(): graph.get(key).group_name for key in graph.get_all_asset_keys()}
    assert group["raw/notices"] == "ingest" and group["staging/stg_raw__notices"] == "staging"
    assert group["marts/fct_reconciliation"] == "marts" and group["published_warehouse"] == "publish"
    assert group["seeds/statuses"] == "seeds" and group["intermediate/int_listed_counts"] == "intermediate"
    # Each staging view depends on the raw table the ingest asset writes, by the translator's mapping.
    parents = graph.get(dg.AssetKey(["staging", "stg_raw__evidence"])).parent_keys
    assert dg.AssetKey(["raw", "evidence"]) in parents


def test_nightly_schedule_is_two_in_the_morning_in_shanghai() -> None:
    assert (nightly_schedule.cron_schedule, nightly_schedule.execution_timezone) == ("0 2 * * *", "Asia/Shanghai")


def test_inbox_sensor_runs_only_for_new_files(tmp_path: Path) -> None:
    settings = NoticesSettings(data_dir=str(tmp_path))  # the sensor and ingest read one inbox
    inbox = tmp_path / "raw" / "inbox"
    assert settings.resolved().inbox_dir == inbox
    inbox.mkdir(parents=True)
    empty = inbox_sensor(dg.build_sensor_context(resources={"notices": settings}))
    assert empty.run_requests == [] and empty.skip_reason is not None
    (inbox / "notice.txt").write_text("关于巡察整改进展情况的通报", encoding="utf-8")
    (inbox / "notes.xlsx").write_bytes(b"not a notice format")
    first = inbox_sensor(dg.build_sensor_context(resources={"notices": settings}))
    assert len(first.run_requests) == 1
    again = inbox_sensor(dg.build_sensor_context(cursor=first.cursor, resources={"notices": settings}))
    assert again.run_requests == []


def test_settings_resource_reads_the_environment_and_writes_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from dagster_project.defs.dbt import dbt_vars
    from dagster_project.defs.resources import settings_resource

    monkeypatch.setenv("NOTICES_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("NOTICES_DUCKDB_PATH", raising=False)
    before = dict(os.environ)
    settings = settings_resource()
    assert isinstance(settings.data_dir, dg.EnvVar)
    built = NoticesSettings(data_dir=str(tmp_path)).resolved()
    assert built.build_path == tmp_path / "warehouse" / "notices.build.duckdb"
    variables = {"duckdb_path": str(built.build_path), "duckdb_memory_limit": "512MB"}
    assert dbt_vars(built) == ["--vars", json.dumps(variables)]
    assert dict(os.environ) == before


def test_a_current_manifest_is_not_parsed_again(definitions: dg.Definitions) -> None:
    from dagster_project.run import MANIFEST_PATH, manifest_is_stale

    assert not manifest_is_stale()
    parsed_at = MANIFEST_PATH.stat().st_mtime_ns
    ensure_dbt_manifest()
    assert MANIFEST_PATH.stat().st_mtime_ns == parsed_at


@pytest.mark.integration
def test_the_dbt_resource_knows_the_version_dbt_prints_without_asking_it() -> None:
    resource = dbt_resource()
    assert isinstance(resource, InstalledDbtCliResource)  # the dbt beside this Python
    printed = subprocess.run([resource.dbt_executable, "--version"], capture_output=True, text=True, check=True).stdout
    core = re.search(r"installed:\s*(\d+\.\d+\.\d+)", printed)
    assert core is not None, printed
    assert str(resource._cli_version) == core.group(1)
    assert resource._initialize_dbt_core_adapter(["build"]) is None  # no adapter opened in this process


def test_an_incremental_night_keeps_the_views_and_seeds_and_still_runs_their_tests(
    definitions: dg.Definitions, tmp_path: Path
) -> None:
    from dagster_dbt.asset_utils import get_manifest_and_translator_from_dbt_assets

    from dagster_project.defs.dbt import build_arguments, notices_dbt_assets, unchanged_nodes

    manifest, _, _ = get_manifest_and_translator_from_dbt_assets([notices_dbt_assets()])
    kept = sorted(node["name"] for node in unchanged_nodes(manifest))
    assert len(kept) == 20 and kept[:4] == ["int_listed_counts", "places", "qa_claims", "qa_issues"]
    assert {"statuses", "stg_raw__notices", "topics"} <= set(kept) and "fct_issue" not in kept
    settings = NoticesSettings(data_dir=str(tmp_path)).resolved()
    arguments = build_arguments(settings, incremental=True, colours=False, kept=kept)
    assert arguments[arguments.index("--exclude") + 1] == " ".join(kept)
    assert arguments[arguments.index("--indirect-selection") + 1] == "empty"  # their tests are not left out
    full = build_arguments(settings, incremental=False, colours=False)
    assert "--full-refresh" in full and "--exclude" not in full


def test_the_kept_outputs_come_in_topological_order_among_dbts(definitions: dg.Definitions) -> None:
    """Dagster refuses a multi-asset's output before its parent's: each kept view or seed is
    yielded once every model it is built from has been, and before any model built from it."""
    from dagster_dbt.asset_utils import get_manifest_and_translator_from_dbt_assets

    from dagster_project.defs.dbt import BUILT_RESOURCE_TYPES, _with_kept, notices_dbt_assets, unchanged_nodes

    manifest, translator, _ = get_manifest_and_translator_from_dbt_assets([notices_dbt_assets()])
    nodes = {uid: node for uid, node in manifest["nodes"].items() if node["resource_type"] in BUILT_RESOURCE_TYPES}
    kept = unchanged_nodes(manifest)
    kept_ids = {node["unique_id"] for node in kept}
    parents = {uid: [p for p in node["depends_on"].get("nodes", []) if p in nodes] for uid, node in nodes.items()}
    built_order: list[str] = []  # the models dbt runs, in an order dbt may run them: parents first
    while len(built_order) < len(nodes) - len(kept_ids):
        for uid in sorted(set(nodes) - kept_ids - set(built_order)):
            if all(p in built_order or p in kept_ids for p in _ancestors(uid, parents)):
                built_order.append(uid)
    output_of = {uid: translator.get_asset_key(nodes[uid]).to_python_identifier() for uid in nodes}
    events = (dg.Output(None, output_name=output_of[uid]) for uid in built_order)
    yielded = [event.output_name for event in _with_kept(events, kept, manifest, translator)]
    assert sorted(yielded) == sorted(output_of.values())  # every model and seed once
    position = {name: i for i, name in enumerate(yielded)}
    for uid, node_parents in parents.items():
        for parent in node_parents:
            assert position[output_of[parent]] < position[output_of[uid]], (parent, uid)
    # Either way round: kept views are built from dbt's models (qa_* from the marts) and dbt's models
    # from kept views (the marts from stg_*), so yielding every kept output first, or last, fails.
    assert any(
        parent in kept_ids and uid not in kept_ids for uid, node_parents in parents.items() for parent in node_parents
    )
    assert any(
        parent not in kept_ids and uid in kept_ids for uid, node_parents in parents.items() for parent in node_parents
    )


def _ancestors(uid: str, parents: dict[str, list[str]]) -> set[str]:
    found: set[str] = set()
    stack = list(parents[uid])
    while stack:
        parent = stack.pop()
        if parent not in found:
            found.add(parent)
            stack.extend(parents[parent])
    return found
