"""The checks step: Great Expectations validates the build file's marts, and the results are
written into it.

**The checks run in a worker process of their own, started when dbt starts** (`ChecksWorker`,
started by the dbt step through the `checks_worker` resource), which reads the build file
read-only and hands back its result rows; the run's process writes them.

- GX's imports take 5–6 s of one core (more on a busy machine). The worker pays them while dbt
  runs, which leaves a core free on a night (dbt's Python is one core, and the run's process waits
  on it), so the checks step is the validation itself: 1.4–1.9 s against 5.7–7.3 s on +100 nights
  at 10,000 notices.
- GX and the pandas frames it validates never enter the run's process: GX's import alone adds
  about 140 MB, and the frames of a cold build grew the process from 0.7 to 1.8 GB at 100,000
  notices, which CPython kept for the rest of the run. The worker gives it all back when it exits,
  right after the checks.

The worker is spawned, not forked from the parsing forkserver: starting that server waits for its
own imports, and a spawned process starts without making the run wait for anything.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from types import TracebackType

import duckdb

from ..settings import DUCKDB_CONFIG
from .results import Checked, ExpectationOutcome, save_checked
from .suites import Suite


class ChecksWorker:
    """One process that imports GX as soon as it is made and then runs one `check_build`.

    Make it early (the dbt step makes it, before dbt runs); it exits after its checks, or at
    `close` when the run ends without them (a failed step)."""

    def __init__(self) -> None:
        self._pool = ProcessPoolExecutor(
            1, mp_context=multiprocessing.get_context("spawn"), initializer=_import_validation
        )
        # A task starts the process now (an executor starts its processes on demand); its imports
        # run in the initializer, before this task.
        self._pool.submit(_ready)

    def check_build(
        self, build_path: Path, suites: list[Suite], run_id: str, changed_only: bool
    ) -> list[ExpectationOutcome]:
        """Validate the build file's marts (`validate.check_suites`) and record the results in it;
        an outcome per expectation. The build file must not be open for writing meanwhile."""
        try:
            checked = self._pool.submit(_check_read_only, str(build_path), suites, run_id, changed_only).result()
        finally:
            self.close()
        with duckdb.connect(str(build_path), config=DUCKDB_CONFIG) as connection:
            save_checked(connection, checked, run_id, changed_only)
        return checked.outcomes

    def close(self) -> None:
        """Let the process go (it finishes the imports it is in, if any, and exits)."""
        self._pool.shutdown(wait=False, cancel_futures=True)

    def __enter__(self) -> ChecksWorker:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()


def _import_validation() -> None:
    from . import validate  # noqa: F401  (GX: seconds of imports, paid before the checks are due)


def _ready() -> None:
    """Nothing: the task that makes the executor start its process."""


def _check_read_only(build_path: str, suites: list[Suite], run_id: str, changed_only: bool) -> Checked:
    """In the worker: the checks on a read-only connection."""
    from .validate import check_suites

    with duckdb.connect(build_path, read_only=True, config=DUCKDB_CONFIG) as connection:
        return check_suites(connection, suites, run_id, changed_only)
