"""Suites as versioned files: GX expectation configurations plus where their rows come from.

Each `expectations/<suite>.json` holds the GX 1.x suite (`name`, `expectations` with `type`,
`kwargs`, `meta`) and, in the suite's `meta`, the asset it validates, the SQL that gives the rows
(GX's SQL data source for DuckDB goes through SQLAlchemy and has open bugs, so frames are taken
from DuckDB and validated as pandas), and the column that names the notice a row is about.
Every expectation's `meta.severity` is `critical` (blocks publishing) or `warning` (a finding).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import great_expectations as gx

Severity = Literal["critical", "warning"]


@dataclass(frozen=True)
class ExpectationConfig:
    """One expectation as the file states it; GX itself is imported only to validate (it is slow to load)."""

    type: str
    kwargs: dict[str, Any]
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Suite:
    name: str
    asset: tuple[str, ...]  # the dbt model it validates, (schema, name): models/quality/
    notice_column: str | None
    configurations: tuple[ExpectationConfig, ...]

    @property
    def query(self) -> str:
        """The rows validated: the dbt model itself (its SQL lives in dbt, in dbt's lineage)."""
        return f"select * from {'.'.join(self.asset)}"

    def about_rows(self) -> Suite:
        """The expectations about column values: each row, so each notice, is judged on its own."""
        return replace(self, configurations=tuple(c for c in self.configurations if not _about_table(c)))

    def about_tables(self) -> Suite:
        """The expectations about the whole table (its row count): they need every row."""
        return replace(self, configurations=tuple(c for c in self.configurations if _about_table(c)))

    def gx_suite(self) -> gx.ExpectationSuite:
        import great_expectations as gx
        from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

        return gx.ExpectationSuite(
            name=self.name,
            expectations=[
                ExpectationConfiguration(type=c.type, kwargs=c.kwargs, meta=c.meta).to_domain_obj()
                for c in self.configurations
            ],
        )


def _about_table(configuration: ExpectationConfig) -> bool:
    return configuration.type.startswith("expect_table_")


def expectation_name(configuration: Any) -> str:
    """A stable, readable name: the type and the columns it looks at."""
    kwargs = configuration.kwargs
    columns = [str(kwargs[k]) for k in ("column", "column_A", "column_B") if k in kwargs]
    return configuration.type + (f"({', '.join(columns)})" if columns else "")


def severity_of(configuration: ExpectationConfig) -> Severity:
    severity = (configuration.meta or {}).get("severity")
    if severity not in ("critical", "warning"):
        raise ValueError(f"{configuration.type}: meta.severity must be 'critical' or 'warning', not {severity!r}")
    return severity


def load_suites(directory: Path) -> list[Suite]:
    suites = []
    for path in sorted(directory.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        meta = data["meta"]
        configurations = tuple(
            ExpectationConfig(e["type"], e["kwargs"], e.get("meta") or {}) for e in data["expectations"]
        )
        for configuration in configurations:
            severity_of(configuration)
        suites.append(Suite(data["name"], tuple(meta["asset"]), meta.get("notice_column"), configurations))
    return suites
