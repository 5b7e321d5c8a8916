"""Progress bars for `notices run` in a terminal: documents parsed (with documents/s) and dbt results.

Only `notices run` asks for them (the `terminal` flag of the settings resource): a run started by
the Dagster daemon or UI writes to its compute log, where a bar would be noise.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


@contextmanager
def progress_bar(description: str, total: int | None, shown: bool, unit: str) -> Iterator[Callable[[int], None]]:
    """A function to call with the number done so far; a bar with the rate when `shown`."""
    if not shown:
        yield lambda done: None
        return
    columns = [TextColumn(f"  {description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
               TextColumn("{task.fields[rate]}")]  # fmt: skip
    with Progress(*columns, transient=True) as progress:
        task = progress.add_task(description, total=total, rate="")

        def advance(done: int) -> None:
            elapsed = progress.tasks[0].elapsed or 0.0
            rate = f"{done / elapsed:,.0f} {unit}/s" if elapsed > 0 else ""
            progress.update(task, completed=done, rate=rate)

        yield advance
