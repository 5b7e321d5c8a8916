"""`notices parse` on hostile inputs: wall time and peak memory of each, beside a normal notice.

Each input runs as a user would run it (`notices parse PATH`, a subprocess); the memory figure is
the peak of the summed RSS of its whole process tree (the CLI, the forkserver, the parsing
worker), sampled every 10 ms with psutil. Targets (issue 10): every answer within 5 s and 1.5 GB, JSON or one stderr line.
Run: uv run python bench/hostile_bench.py
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "raw" / "samples" / "000_6c1e6bb6a10f6a96.txt"
TARGET_SECONDS = 5.0
TARGET_MB = 1536


def _inputs(folder: Path) -> dict[str, Path]:
    sample = SAMPLE.read_text(encoding="utf-8")
    made = {"sample notice (baseline)": SAMPLE, "/dev/zero": Path("/dev/zero")}
    fifo = folder / "stream.txt"
    os.mkfifo(fifo)
    made["FIFO with no writer"] = fifo
    huge = folder / "huge.txt"
    with open(huge, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    made["50 MB text"] = huge
    near_cap = folder / "near_cap.txt"
    near_cap.write_text(("巡察整改情况，已完成整改26个。\n" * 1_300_000)[:6_900_000], encoding="utf-8")
    made[f"{near_cap.stat().st_size / 1e6:.0f} MB text under the cap"] = near_cap
    digits = folder / "digits.txt"
    digits.write_text(sample + "截至" + "1" * 100_000, encoding="utf-8")
    made["notice + 截至 + 100,000 digits"] = digits
    for run in ("年", "一、", "(一)"):
        path = folder / f"run_{ord(run[0])}.txt"
        path.write_text(sample + run * (100_000 // len(run)), encoding="utf-8")
        made[f"notice + 100,000 × {run}"] = path
    nested = folder / "nested.html"
    nested.write_text(
        "<html><body>" + "<div>" * 50_000 + sample + "</div>" * 50_000 + "</body></html>", encoding="utf-8"
    )
    made["HTML nested 50,000 deep"] = nested
    invisible = folder / "invisible.txt"
    invisible.write_text("\u200b".join(sample), encoding="utf-8")
    made["zero-width space between every character"] = invisible
    random_bytes = folder / "random.bin.txt"
    random_bytes.write_bytes(os.urandom(5_000_000))
    made["5 MB random bytes"] = random_bytes
    return made


def _watch(process: subprocess.Popen[str]) -> int:
    """Peak summed RSS (bytes) of the process and all its descendants until it exits."""
    root = psutil.Process(process.pid)
    peak = 0
    while process.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.NoSuchProcess:
            pass
        time.sleep(0.01)
    return peak


def main() -> None:
    notices = shutil.which("notices") or str(REPO / ".venv" / "bin" / "notices")
    print(f"{'input':44} {'seconds':>8} {'× base':>7} {'peak MB':>8}  answer")
    with tempfile.TemporaryDirectory() as tmp:
        baseline = None
        for label, path in _inputs(Path(tmp)).items():
            started = time.perf_counter()
            # Output to files, not pipes: a notice's JSON (text and evidence) outgrows a pipe's buffer.
            with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
                process = subprocess.Popen([notices, "parse", str(path)], stdout=out, stderr=err, text=True)
                peak = _watch(process)
                err.seek(0)
                stderr = err.read()
            elapsed = time.perf_counter() - started
            baseline = baseline or elapsed
            peak_mb = peak / 1024**2
            ok = elapsed <= TARGET_SECONDS and peak_mb <= TARGET_MB
            answer = "JSON" if process.returncode == 0 else stderr.strip().replace("notices: error: ", "")[:70]
            lines = len(stderr.strip().splitlines())
            print(
                f"{label:44} {elapsed:8.2f} {elapsed / baseline:7.1f} {peak_mb:8.0f}  "
                f"{'ok ' if ok and lines <= 1 else 'OVER'} {answer}"
            )
    print(
        f"target: every input within {TARGET_SECONDS:g} s and {TARGET_MB} MB; own RSS "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )


if __name__ == "__main__":
    main()
