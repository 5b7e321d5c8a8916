"""`notices docs`: dbt's documentation site, with its catalog, for the published warehouse.

`dbt docs generate` runs against the profile's `docs` target, which attaches the published file
read-only under the catalog name the models have (`notices`): the catalog (every table's and
column's type, row count and comment) is read from what readers see, and the file is never
opened for writing, so it can be made while BI tools hold it. The site is published into
`<data dir>/dbt_docs/` as a whole (folders.py); `index.html` there is dbt's own page, and
`static_index.html` the same with the manifest and catalog inlined, which opens from file://.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from . import folders
from .settings import DBT_PROJECT_DIR, Settings

DOCS_TARGET = "docs"
# What dbt writes that the site needs (the rest of its target folder is compiled SQL and logs).
SITE_FILES = ("index.html", "static_index.html", "manifest.json", "catalog.json")


class DocsFailed(RuntimeError):
    """dbt could not build the docs; the message is dbt's own first error line."""


def build_dbt_docs(settings: Settings) -> Path:
    """Generate the docs of the published warehouse into `settings.dbt_docs_dir`; that folder."""
    from dbt.cli.main import dbtRunner

    with tempfile.TemporaryDirectory(prefix="dbt-docs-", dir=settings.data_dir) as work:
        target = Path(work) / "target"
        arguments = [
            "docs", "generate", "--static",
            "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR),
            "--target", DOCS_TARGET, "--target-path", str(target),
            "--log-path", str(settings.logs_dir), "--quiet",
            "--vars", json.dumps({"published_path": str(settings.published_path)}),
        ]  # fmt: skip
        result = dbtRunner().invoke(arguments)
        if not result.success:
            reason = result.exception or "dbt reported errors"
            raise DocsFailed(
                f"dbt docs generate failed: {' '.join(str(reason).split())[:300]} (log in {settings.logs_dir})"
            )
        site = folders.new_version(settings.dbt_docs_dir)
        for name in SITE_FILES:
            shutil.copy2(target / name, site / name)
    folders.switch_to(settings.dbt_docs_dir, site)
    return settings.dbt_docs_dir
