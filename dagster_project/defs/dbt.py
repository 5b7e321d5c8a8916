"""dbt models as assets, dbt tests as asset checks; the manifest comes from `notices prepare`."""

import contextlib
import io
import json
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from functools import cache, cached_property
from importlib.metadata import version as installed_version
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, DbtProject, dbt_assets
from dagster_dbt.asset_utils import get_manifest_and_translator_from_dbt_assets
from packaging.version import Version

from ..progress import progress_bar
from ..publish import marts_are_this_codes
from ..settings import DBT_PROJECT_DIR, DUCKDB_MEMORY_LIMIT, Settings
from .quality import ChecksWorkerResource
from .resources import NoticesSettings


@cache
def notices_dbt_project() -> DbtProject:
    project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
    project.prepare_if_dev()
    return project


class NoticesTranslator(DagsterDbtTranslator):
    """Groups by the dbt folder (staging, intermediate, marts, seeds) and keys by schema; each dbt
    source is the raw table the ingest assets write (raw/<table>), said here, not left to naming."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            return dg.AssetKey(["raw", dbt_resource_props["name"]])
        return dg.AssetKey([dbt_resource_props["schema"], dbt_resource_props["name"]])

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] == "seed":
            return "seeds"
        fqn = dbt_resource_props.get("fqn", [])
        return fqn[1] if len(fqn) > 2 else "marts"


@cache
def notices_dbt_assets() -> dg.AssetsDefinition:
    project = notices_dbt_project()

    @dbt_assets(
        manifest=project.manifest_path,
        project=project,
        dagster_dbt_translator=NoticesTranslator(DagsterDbtTranslatorSettings(enable_source_tests_as_checks=True)),
    )
    def notices_dbt_models(  # type: ignore[no-untyped-def]
        context: dg.AssetExecutionContext,
        dbt: DbtCliResource,
        notices: NoticesSettings,
        checks_worker: ChecksWorkerResource,
    ):
        checks_worker.start()  # the checks come next: their worker imports GX while dbt runs
        settings = notices.resolved()
        incremental = marts_are_this_codes(settings)
        manifest, translator, _ = get_manifest_and_translator_from_dbt_assets([context.assets_def])
        kept = unchanged_nodes(manifest) if incremental and not context.is_subset else []
        arguments = build_arguments(settings, incremental, sys.stdout.isatty(), [node["name"] for node in kept])
        invocation = dbt.cli(arguments, context=context, target_path=settings.dbt_target_dir)
        # dagster-dbt echoes every dbt event to stdout; for `notices run` that echo is dropped
        # (dbt writes the full log to <data dir>/logs/dbt.log) and a bar counts the results.
        echo = contextlib.nullcontext() if notices.echo_dbt_log else contextlib.redirect_stdout(io.StringIO())
        nodes = len(context.selected_asset_keys) + len(context.selected_asset_check_keys)
        started, done = time.perf_counter(), 0
        with progress_bar("dbt build", nodes, notices.progress_bars, "results") as advance:
            events = _with_kept(_quietly(invocation.stream(), echo), kept, manifest, translator)
            for done, event in enumerate(events, start=1):
                advance(done)
                yield event
        kept_note = f"; {len(kept)} views and seeds kept as built" if kept else ""
        seconds = time.perf_counter() - started
        context.log.info(f"dbt build: {done - len(kept)} models and tests in {seconds:.1f} s{kept_note}")

    return notices_dbt_models


BUILT_RESOURCE_TYPES = ("model", "seed", "snapshot")  # the dbt nodes that are assets


def _with_kept(
    events: Iterator[Any],
    kept: Sequence[Mapping[str, Any]],
    manifest: Mapping[str, Any],
    translator: DagsterDbtTranslator,
) -> Iterator[Any]:
    """dbt's events, and an output for each kept node as soon as every model and seed it is built
    from has had its own: Dagster takes a multi-asset's outputs in topological order only."""
    output_of = {
        unique_id: translator.get_asset_key(node).to_python_identifier()
        for unique_id, node in manifest["nodes"].items()
        if node["resource_type"] in BUILT_RESOURCE_TYPES
    }
    node_of = {output: unique_id for unique_id, output in output_of.items()}
    waiting = {  # a seed depends on nothing (its depends_on has no nodes)
        node["unique_id"]: {p for p in node["depends_on"].get("nodes", []) if p in output_of} for node in kept
    }
    done: set[str] = set()

    def ready() -> Iterator[dg.Output[None]]:
        while now := [unique_id for unique_id, parents in waiting.items() if parents <= done]:
            for unique_id in now:
                del waiting[unique_id]
                done.add(unique_id)
                yield dg.Output(
                    None, output_name=output_of[unique_id], metadata=KEPT_METADATA | {"unique_id": unique_id}
                )

    yield from ready()
    for event in events:
        yield event
        if isinstance(event, dg.Output):
            done.add(node_of[event.output_name])
            yield from ready()


def _quietly(events: Iterator[Any], echo: contextlib.AbstractContextManager[Any]) -> Iterator[Any]:
    """The events, each produced with stdout as `echo` says (never holding it across a yield)."""
    iterator = iter(events)
    while True:
        with echo:
            event = next(iterator, None)
        if event is None:
            return
        yield event


# An incremental night's views and seeds are the build file's already: they are the published
# warehouse's (the build starts from it), and that was built by this code. A view holds a query,
# not rows, and a seed's rows are a file of the dbt project, both in the code fingerprint: a change
# to either makes the night a full refresh, which builds them. Keeping them (15 views, 5 seeds)
# took a +100 night's dbt step at 10,000 notices from 21.0 to 17.0 s (three nights each, alternated).
KEPT_METADATA = {
    "dbt": "not run: a view or seed as the published warehouse's build made it, by the same code (defs/dbt.py)"
}


def unchanged_nodes(manifest: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The views and seeds of the dbt project: what an incremental night keeps as built."""
    return [
        node
        for node in manifest["nodes"].values()
        if node["resource_type"] == "seed"
        or (node["resource_type"] == "model" and node["config"]["materialized"] == "view")
    ]


def build_arguments(settings: Settings, incremental: bool, colours: bool, kept: Sequence[str] = ()) -> list[str]:
    """`dbt build`'s arguments. `incremental`: the published marts were built by these models, so
    dbt rebuilds only the notices loaded since; otherwise `--full-refresh` rebuilds every notice.
    `kept`: the nodes it leaves as they are (`unchanged_nodes`); their tests still run, as a view's
    rows are the night's.

    The unit tests run on a full refresh only. They test the models' SQL on fixed rows, not the
    night's data, and an incremental night runs the models the last full refresh tested (a change
    to a model changes the code fingerprint, and that night refreshes fully)."""
    arguments = ["build", "--log-path", str(settings.logs_dir), *dbt_vars(settings)]
    arguments += ["--exclude-resource-type", "unit_test"] if incremental else ["--full-refresh"]
    if kept:
        # `empty`: a test of a node left out is not left out with it (dbt's default, eager, would).
        arguments += ["--exclude", " ".join(kept), "--indirect-selection", "empty"]
    if not colours:
        arguments.append("--no-use-colors")  # no colour codes in a file or a pipe
    return arguments


def dbt_vars(settings: Settings) -> list[str]:
    """The build file for dbt's profiles.yml, as a var: the environment is never written."""
    return ["--vars", json.dumps({"duckdb_path": str(settings.build_path), "duckdb_memory_limit": DUCKDB_MEMORY_LIMIT})]


class InstalledDbtCliResource(DbtCliResource):
    """dbt-core run as a subprocess, without two costs dagster-dbt pays in this process before it
    starts dbt (about 5 s of every dbt step, measured on a 1% night):

    - it runs `dbt --version`, a second dbt start-up, to learn the version. The dbt this project
      runs is the dbt-core installed beside this Python, whose package metadata says it.
    - it opens a dbt adapter on the warehouse. Only fetching row counts and column metadata
      (`fetch_row_counts`, `fetch_column_metadata`) uses it, and these assets fetch neither."""

    @cached_property
    def _cli_version(self) -> Version:
        return Version(installed_version("dbt-core"))

    def _initialize_dbt_core_adapter(self, args: Sequence[str]) -> Any:
        return None


def dbt_resource() -> DbtCliResource:
    # The dbt installed beside this Python: `.venv/bin/notices run` works without the venv on PATH.
    # Another dbt on PATH is asked its version, as dagster-dbt does.
    beside = Path(sys.executable).parent / "dbt"
    resource: type[DbtCliResource] = InstalledDbtCliResource if beside.is_file() else DbtCliResource
    return resource(
        project_dir=notices_dbt_project(),
        profiles_dir=str(DBT_PROJECT_DIR),
        dbt_executable=str(beside) if beside.is_file() else "dbt",
    )
