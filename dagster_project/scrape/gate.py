"""Per-host politeness that holds across processes: one lock file per host, holding its last request time.

Sources crawled in parallel (`notices run --workers N`, one Dagster step process per source) may
share a host; an in-memory "last request" per process would let N processes ask that host N times
per delay. Each request therefore takes the host's turn through `<data dir>/raw/hosts/<host>.lock`:
an exclusive `flock`, the last request time read, a sleep for what is left of the delay (still
holding the lock, so waiting processes go one after another), the new time written, the lock
released. The lock dies with its process, so a killed crawler never blocks a host.
"""

from __future__ import annotations

import fcntl
import time
from pathlib import Path
from urllib.parse import quote

# Below the raw folder of the data dir: beside the pages and crawl files of the same crawls.
HOSTS_FOLDER = "hosts"


def hosts_dir(raw_dir: Path) -> Path:
    return raw_dir / HOSTS_FOLDER


def lock_path(gate_dir: Path, host: str) -> Path:
    """`http://a.gov.cn:8080` → `http%3A%2F%2Fa.gov.cn%3A8080.lock`: reversible, so two hosts never share a file."""
    return gate_dir / f"{quote(host, safe='')}.lock"


def wait_turn(gate_dir: Path, host: str, delay_seconds: float) -> None:
    """Return once `delay_seconds` have passed since any process's last request to `host`; this
    request's time is then the host's last."""
    gate_dir.mkdir(parents=True, exist_ok=True)
    # "a+" creates the file without truncating it; after truncate(0) its appending write lands at 0.
    with open(lock_path(gate_dir, host), "a+", encoding="ascii") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            handle.seek(0)
            written = handle.read().strip()
            last = float(written) if written else float("-inf")
            # Wall-clock time, the one clock all processes share; should it be set back, the wait
            # is still never longer than one delay.
            wait = min(delay_seconds - (time.time() - last), delay_seconds)
            if wait > 0:
                time.sleep(wait)
            handle.truncate(0)
            handle.write(repr(time.time()))
            handle.flush()
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
