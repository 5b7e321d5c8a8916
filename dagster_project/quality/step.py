"""The checks step: Great Expectations validates the build file's marts, and the results are
written into it.

**Every notice checked (a cold build, or new code): in a worker process of its own**, which reads
the build file read-only and hands back its result rows. GX and the pandas frames it validates
then never enter the run's process: GX's import alone adds about 140 MB, and the frames of a cold
build grew the process from 0.7 to 1.8 GB at 100,000 notices, which CPython kept for the rest of
the run (the search index and the report ran beside it). The worker gives it all back when it exits.

**Only the night's notices (an incremental build): in this process.** Their frames are small, and
a worker (its start, its own imports of pandas and GX, a second opening of the build file) made
the checks of a 10,000-notice warehouse's +100 night take about 4 s more (14.4–15.5 s against
10.3–11.1 s, measured beside other work).
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
    """Validate the build file's marts (`validate.check_suites`) and record the results in it; an
    outcome per expectation. The build file must not be open for writing meanwhile."""
    if changed_only:
        with duckdb.connect(str(build_path), config=DUCKDB_CONFIG) as connection:
            checked = _check(connection, suites, run_id, changed_only)
            save_checked(connection, checked, run_id, changed_only)
        return checked.outcomes
    with ProcessPoolExecutor(1, mp_context=worker_context()) as pool:
        checked = pool.submit(_check_read_only, str(build_path), suites, run_id, changed_only).result()
    with duckdb.connect(str(build_path), config=DUCKDB_CONFIG) as connection:
        save_checked(connection, checked, run_id, changed_only)
    return checked.outcomes


def _check_read_only(build_path: str, suites: list[Suite], run_id: str, changed_only: bool) -> Checked:
    """In the worker: the checks on a read-only connection."""
    with duckdb.connect(build_path, read_only=True, config=DUCKDB_CONFIG) as connection:
        return _check(connection, suites, run_id, changed_only)


def _check(connection: duckdb.DuckDBPyConnection, suites: list[Suite], run_id: str, changed_only: bool) -> Checked:
    from .validate import check_suites  # imports GX, which takes seconds: only where checks run

    return check_suites(connection, suites, run_id, changed_only)
