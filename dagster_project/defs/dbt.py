"""dbt models as assets, dbt tests as asset checks; the manifest comes from `notices prepare`."""

import json
from collections.abc import Mapping
from functools import cache
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets

from ..settings import DBT_PROJECT_DIR, Settings
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

    @dbt_assets(manifest=project.manifest_path, project=project, dagster_dbt_translator=NoticesTranslator())
    def notices_dbt_models(  # type: ignore[no-untyped-def]
        context: dg.AssetExecutionContext, dbt: DbtCliResource, notices: NoticesSettings
    ):
        yield from dbt.cli(["build", *dbt_vars(notices.resolved())], context=context).stream()

    return notices_dbt_models


def dbt_vars(settings: Settings) -> list[str]:
    """The build file for dbt's profiles.yml, as a var: the environment is never written."""
    return ["--vars", json.dumps({"duckdb_path": str(settings.build_path)})]


def dbt_resource() -> DbtCliResource:
    return DbtCliResource(project_dir=notices_dbt_project(), profiles_dir=str(DBT_PROJECT_DIR))
