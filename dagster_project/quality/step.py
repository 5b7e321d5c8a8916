"""The checks step: Great Expectations runs in a worker process of its own, which reads the build
file; this process then writes the results into it.

GX and the pandas frames it validates never enter the run's own process. GX's import alone adds
about 140 MB, and the frames of a cold build grew the process from 0.7 to 1.8 GB at 100,000
notices; CPython kept that memory for the rest of the run (the search index and the report ran
beside it). A worker gives all of it back when it exits.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import duckdb

from ..settings import DUCKDB_CONFIG
from ..workers import worker_context
from .results import Checked, ExpectationOutcome, save_checked
from .suites import Suite


def check_build(build_path: Path, suites: list[Suite], run_id: str, changed_only: bool) -> list[ExpectationOutcome]:
    """Validate the build file's marts (`validate.check_suites`, in a worker) and record the results
    in it; an outcome per expectation. The build file must not be open for writing meanwhile:
    the worker opens it read-only."""
    with ProcessPoolExecutor(1, mp_context=worker_context()) as pool:
        checked = pool.submit(_check_read_only, str(build_path), suites, run_id, changed_only).result()
    with duckdb.connect(str(build_path), config=DUCKDB_CONFIG) as connection:
        save_checked(connection, checked, run_id, changed_only)
    return checked.outcomes


def _check_read_only(build_path: str, suites: list[Suite], run_id: str, changed_only: bool) -> Checked:
    """In the worker: the checks on a read-only connection (GX is imported here, not by the caller)."""
    from .validate import check_suites

    with duckdb.connect(build_path, read_only=True, config=DUCKDB_CONFIG) as connection:
        return check_suites(connection, suites, run_id, changed_only)
