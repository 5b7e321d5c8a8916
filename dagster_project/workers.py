"""Worker processes for the CPU-bound stages (parsing documents, segmenting search texts).

Workers come from a forkserver: forking the Dagster process itself (which runs threads) could copy
a lock held by another thread; the forkserver is a clean single-threaded process that has imported
the parser and the segmenter once, so each worker starts in milliseconds.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

# What the forkserver imports once, for every worker it forks.
PRELOADED = ["dagster_project.parse.extract", "dagster_project.parse.notice", "rjieba"]

Item = TypeVar("Item")
Scheduled = TypeVar("Scheduled")


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity, which a container may narrow)."""
    return len(os.sched_getaffinity(0))


def worker_context() -> multiprocessing.context.BaseContext:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOADED)
    return context


def start_server() -> None:
    """Start the forkserver now, without waiting for it: its imports of `PRELOADED` (about 1.4 s)
    then overlap what the caller does next instead of delaying the first pool, whose first worker
    waits for them. A no-op when it runs already."""
    worker_context()
    multiprocessing.forkserver.ensure_running()


def scheduled_ahead(
    schedule: Callable[[Item], Scheduled], items: Iterable[Item], ahead: int
) -> Iterator[tuple[Item, Scheduled]]:
    """(item, schedule(item)) for each item, in order, with at most `ahead` items scheduled and
    not yet taken by the caller: the workers keep busy while the caller writes a result, and
    finished results never pile up in memory."""
    in_flight: deque[tuple[Item, Scheduled]] = deque()
    for item in items:
        in_flight.append((item, schedule(item)))
        if len(in_flight) >= ahead:
            yield in_flight.popleft()
    while in_flight:
        yield in_flight.popleft()
