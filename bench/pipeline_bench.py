"""`notices run` end to end: cold, no-change and +1% runs, with peak memory and where the time goes.

Makes N distinct notices from the samples (bench/corpus.py) in a fresh data dir's raw/inbox — 70%
text, 30% saved government pages in the test templates (every other one GBK declared as gb2312) —
and runs `notices run` as a user does, in a subprocess: first on all N (cold), then again with
nothing new, then twice with 1% more notices (the first such night copies the published file, the
next builds into the warehouse the night before replaced, as every later night does). Peak RSS is of the whole process tree (the CLI, its parsing
workers, dbt's threads), sampled every 50 ms. Beside it, the floor measured in the same run: one
core that only reads, hashes, decodes, strips tags, runs 14 regexes and bulk-loads into DuckDB.

With `--catalog ducklake` every run also commits its DuckLake snapshot (part of the publish
stage), and the catalog's size is printed beside the file's.

Run: uv run python bench/pipeline_bench.py --n 10000 [--n 100000] [--catalog ducklake]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import duckdb
import polars as pl
import psutil

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
from parse_bench import notice_page, notice_text  # noqa: E402

from dagster_project.run import STAGE_OF_STEP  # noqa: E402

TARGET_COLD_10K_S = 60.0
TARGET_NO_CHANGE_S = 5.0
TARGET_PEAK_MB = 1024
TARGET_100K_S, TARGET_100K_MB = 600.0, 2048
PLUS_SHARE = 0.01
TARGET_PLUS_SHARE_OF_COLD = 0.15  # +1%: at most the no-change run plus this share of a cold run
SAMPLE_EVERY_S = 0.05


def write_documents(inbox: Path, start: int, count: int) -> None:
    """Documents start … start+count-1, each made when written: none is held in memory."""
    for i in range(start, start + count):
        if i % 10 < 3:
            (inbox / f"page_{i:06d}.html").write_bytes(notice_page(i))
        else:
            (inbox / f"notice_{i:06d}.txt").write_text(notice_text(i), encoding="utf-8")


class TreePeak:
    """The largest sum of RSS over a process and all its descendants, sampled in a thread; and the
    samples themselves (seconds since the start, the process's own RSS, its descendants'), from
    which `by_step` tells which step the memory went to."""

    def __init__(self, pid: int) -> None:
        self.root, self.peak, self._stop = psutil.Process(pid), 0, threading.Event()
        self.samples: list[tuple[float, int, int]] = []
        self.started = time.perf_counter()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.is_set():
            try:
                main, children = self.root.memory_info().rss, 0
                for process in self.root.children(recursive=True):
                    try:
                        children += process.memory_info().rss
                    except psutil.Error:
                        pass
            except psutil.Error:
                return
            self.peak = max(self.peak, main + children)
            self.samples.append((time.perf_counter() - self.started, main, children))
            time.sleep(SAMPLE_EVERY_S)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak // 2**20

    def by_step(self, step_ends: list[tuple[float, str]]) -> str:
        """The peak of each step of the job, split into the CLI process and its descendants (the
        parsing, segmenting and rendering workers, dbt), e.g. "parse+load 1,310+160".

        `step_ends`: when each line the run printed for a step came (seconds since the start, the
        step). A step ends with its last line, and its window runs from the end of the step before
        (the first step's from the start: it holds the start-up)."""
        ends: dict[str, float] = {}
        for at, step in step_ends:
            ends[step] = at
        parts, start = [], 0.0
        for step, end in ends.items():
            window = [(main, children) for at, main, children in self.samples if start <= at <= end]
            start = end
            if window:
                main, children = max(window, key=sum)
                parts.append(f"{STAGE_OF_STEP.get(step, step)} {main // 2**20:,}+{children // 2**20:,}")
        return ", ".join(parts)


# What `notices run` prints for a step: "  nightly - <run id> - raw_tables - parsed 100 of …".
_STEP_LINE = re.compile(r"^\s+\S+ - [0-9a-f-]{36} - (\w+) - ")


def run_once(data_dir: Path, catalog: str) -> tuple[float, int, str]:
    """(seconds, peak RSS of the process tree in MB, the run's `seconds:` line and each step's peak)."""
    env = {**os.environ, "NOTICES_DATA_DIR": str(data_dir), "NOTICES_CATALOG": catalog}
    env.pop("NOTICES_DUCKDB_PATH", None)
    started = time.perf_counter()
    child = subprocess.Popen(["notices", "run"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = TreePeak(child.pid)
    output, error_output = child.stdout, child.stderr
    assert output is not None and error_output is not None
    errors: list[str] = []
    reading_errors = threading.Thread(target=lambda: errors.append(error_output.read()), daemon=True)
    reading_errors.start()
    lines, step_ends = [], []
    for line in output:  # as it comes, to know when each step ended
        lines.append(line)
        if step := _STEP_LINE.match(line):
            step_ends.append((time.perf_counter() - peak.started, step.group(1)))
    child.wait()
    reading_errors.join()
    elapsed = time.perf_counter() - started
    peak_mb = peak.stop()
    if child.returncode != 0:
        raise SystemExit(f"notices run failed: {''.join(errors).strip()}")
    stages = next((line for line in lines if line.startswith("seconds:")), "seconds: ?").strip()
    by_step = peak.by_step(step_ends)
    memory = f"\n{' ' * 13}peak MB by step (CLI + workers and dbt): {by_step}" if by_step else ""
    return elapsed, peak_mb, stages.removeprefix("seconds: ") + memory


_FLOOR_PATTERNS = [re.compile(p) for p in (
    r"巡[视察]", r"整改", r"\d+个问题", r"已完成\d+", r"基本完成", r"完成率", r"\d{4}年\d{1,2}月\d{1,2}日",
    r"反馈", r"通报", r"[一二三四五六七八九十]+、", r"\(\d+\)", r"截至", r"措施", r"责任",
)]  # fmt: skip
_TAG = re.compile(r"<[^>]+>")


def floor_seconds(inbox: Path) -> float:
    """One core, no parser: read, hash, decode, strip tags, 14 regexes, bulk-load into DuckDB."""
    started = time.perf_counter()
    rows = []
    for path in sorted(inbox.iterdir()):
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("gb18030", "replace")
        text = _TAG.sub("", text)
        hits = sum(len(p.findall(text)) for p in _FLOOR_PATTERNS)
        rows.append({"document_id": hashlib.sha256(data).hexdigest(), "text": text, "hits": hits})
    with duckdb.connect(str(inbox.parent / "floor.duckdb")) as connection:
        connection.register("parsed", pl.DataFrame(rows).to_arrow())
        connection.execute("CREATE TABLE documents AS SELECT * FROM parsed")
    return time.perf_counter() - started


def verdict(ok: bool) -> str:
    return "meets" if ok else "MISSES"


def folder_mb(folder: Path) -> float:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file()) / 2**20


def bench(n: int, catalog: str) -> None:
    """The benchmark of `n` notices in a data dir of its own, removed afterwards; kept when a run
    fails, for its logs (dbt's whole log is in `logs/dbt.log`)."""
    data_dir = Path(tempfile.mkdtemp(prefix=f"notices-bench-{n}-"))
    finished = False
    try:
        inbox = data_dir / "raw" / "inbox"
        inbox.mkdir(parents=True)
        write_documents(inbox, 0, n)
        floor = floor_seconds(inbox)
        (inbox.parent / "floor.duckdb").unlink()
        # Each run's line as it ends: a run of 100,000 notices takes most of an hour.
        print(f"\nn = {n:,} notices; floor (one core, no parser) {floor:.1f} s", flush=True)
        cold, cold_mb, cold_stages = run_once(data_dir, catalog)
        print(
            f"  cold       {cold:7.1f} s  {cold / floor:5.1f}× floor  peak {cold_mb:6,} MB   {cold_stages}", flush=True
        )
        again, again_mb, again_stages = run_once(data_dir, catalog)
        print(f"  no change  {again:7.1f} s                peak {again_mb:6,} MB   {again_stages}", flush=True)
        extra = max(1, int(n * PLUS_SHARE))
        # Two nights of +1%: the first after a cold run copies the published file (there is no
        # previous warehouse yet); every later night builds into the previous one (recycle.py),
        # which is what a nightly schedule runs, so the target is judged on it.
        nights = []
        for night, build in enumerate(("copies the published file", "builds into the previous one")):
            write_documents(inbox, n + night * extra, extra)
            plus, plus_mb, plus_stages = run_once(data_dir, catalog)
            nights.append((plus, plus_mb))
            print(f"  +{extra:<8,} {plus:7.1f} s  {plus / cold:5.0%} of cold  peak {plus_mb:6,} MB   {plus_stages}"
                  f"   ({build})", flush=True)  # fmt: skip
        plus, plus_mb = nights[-1]
        size_mb = (data_dir / "warehouse" / "notices.duckdb").stat().st_size / 2**20
        print(f"  published file {size_mb:,.0f} MB")
        if catalog == "ducklake":
            lake = data_dir / "warehouse"
            print(f"  DuckLake: metadata {(lake / 'notices.ducklake').stat().st_size / 2**20:.0f} MB, "
                  f"data files {folder_mb(lake / 'lake'):.0f} MB (three snapshots: cold and two nights of +1%)")  # fmt: skip
        if n >= 100_000:
            print(f"  target: cold ≤ {TARGET_100K_S:.0f} s and ≤ {TARGET_100K_MB} MB -> "
                  f"{verdict(cold <= TARGET_100K_S and cold_mb <= TARGET_100K_MB)}")  # fmt: skip
        elif n >= 10_000:
            print(f"  target: cold ≤ {TARGET_COLD_10K_S:.0f} s -> {verdict(cold <= TARGET_COLD_10K_S)}; "
                  f"peak ≤ {TARGET_PEAK_MB} MB -> {verdict(max(cold_mb, *(mb for _, mb in nights)) <= TARGET_PEAK_MB)}")  # fmt: skip
        limit = again + TARGET_PLUS_SHARE_OF_COLD * cold
        print(f"  target: no change ≤ {TARGET_NO_CHANGE_S:.0f} s -> {verdict(again <= TARGET_NO_CHANGE_S)}; "
              f"+1% (the second night) ≤ no change + 15% of cold ({limit:.1f} s) -> {verdict(plus <= limit)}")  # fmt: skip
        finished = True
    finally:
        if finished:
            shutil.rmtree(data_dir, ignore_errors=True)
        else:
            print(f"  the data dir is kept for its logs: {data_dir}", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, action="append", help="notices per benchmark (repeatable); default 1000")
    parser.add_argument("--catalog", choices=["duckdb", "ducklake"], default="duckdb", help="NOTICES_CATALOG")
    arguments = parser.parse_args()
    for n in arguments.n or [1000]:
        bench(n, arguments.catalog)


if __name__ == "__main__":
    main()
