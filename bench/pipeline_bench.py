"""`notices run` end to end: time and peak memory for N new notices, then for a run with nothing new.

Makes N distinct notices from the samples (bench/corpus.py) in a fresh data dir's raw/inbox,
runs `notices run` twice as a subprocess, and prints wall time and the child's peak RSS.
Targets on the 2-core machine: 10,000 notices under 3 minutes; a no-change run under 20 s.
Run: uv run python bench/pipeline_bench.py --n 1000 --n 10000
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from corpus import sample_texts, variant

TARGETS = {"full_10000_s": 180.0, "no_change_s": 20.0}


def run_once(data_dir: Path) -> tuple[float, float]:
    """(seconds, peak RSS of this child in MB)."""
    env = {**os.environ, "NOTICES_DATA_DIR": str(data_dir)}
    env.pop("NOTICES_DUCKDB_PATH", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run(["notices", "run"], env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024


def bench(n: int) -> None:
    data_dir = Path(tempfile.mkdtemp(prefix=f"notices-bench-{n}-"))
    try:
        inbox = data_dir / "raw" / "inbox"
        inbox.mkdir(parents=True)
        samples = sample_texts()
        for i in range(n):
            (inbox / f"notice_{i:05d}.txt").write_text(variant(samples[i % len(samples)], i), encoding="utf-8")
        full, full_rss = run_once(data_dir)
        again, again_rss = run_once(data_dir)
        print(
            f"n={n:6d}  first run {full:7.1f} s (peak RSS ≤ {full_rss:6.0f} MB)   "
            f"no-change run {again:5.1f} s (peak RSS ≤ {again_rss:6.0f} MB)"
        )
        if n >= 10000:
            print(
                f"         target: 10,000 notices < {TARGETS['full_10000_s']:.0f} s -> "
                f"{'meets' if full < TARGETS['full_10000_s'] else 'MISSES'}"
            )
        print(
            f"         target: no-change run < {TARGETS['no_change_s']:.0f} s -> "
            f"{'meets' if again < TARGETS['no_change_s'] else 'MISSES'}"
        )
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, action="append", help="notices per benchmark (repeatable); default 1000")
    for n in parser.parse_args().n or [1000]:
        bench(n)


if __name__ == "__main__":
    main()
