"""DuckDB extensions from their PyPI packages, loaded by path.

Extensions cannot be downloaded here (nor, often, on the machines this runs on); the packages
`duckdb-extension-<name>` carry the file for exactly one engine version, which is the pinned one.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import duckdb

from .sql import literal


def extension_file(name: str) -> Path:
    """The `.duckdb_extension` file of `duckdb-extension-<name>` for this engine."""
    package = importlib.import_module(f"duckdb_extension_{name}")
    return Path(str(package.__file__)).parent / "extensions" / f"v{duckdb.__version__}" / f"{name}.duckdb_extension"


def load_extension(connection: duckdb.DuckDBPyConnection, name: str) -> None:
    connection.execute(f"LOAD {literal(str(extension_file(name)))}")
