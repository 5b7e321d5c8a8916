"""dbt models as assets, dbt tests as asset checks; the manifest comes from `notices prepare`."""


from functools import cache

import dagster as dg
from dagster_dbt import DbtCliResource, DbtProject, dbt_assets

from ..settings import DBT_PROJECT_DIR, load_settings


@cache
def notices_dbt_project() -> DbtProject:
    project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
    project.prepare_if_dev()
    return project


@cache
def notices_dbt_assets() -> dg.AssetsDefinition:
    project = notices_dbt_project()

    @dbt_assets(manifest=project.manifest_path, project=project)
    def notices_dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource):  # type: ignore[no-untyped-def]
        load_settings().export_for_dbt()
        yield from dbt.cli(["build"], context=context).stream()

    return notices_dbt_models


def dbt_resource() -> DbtCliResource:
    return DbtCliResource(project_dir=notices_dbt_project(), profiles_dir=str(DBT_PROJECT_DIR))
