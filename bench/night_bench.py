"""A night of many sites: `notices run --workers N` against M loopback sites, N = 1, 2, 4.

Starts M small government sites on 127.0.0.1 (each its own port, so its own host): robots.txt, a
list page and K article pages, the notices made distinct from the samples (bench/parse_bench.py's
pages: the test templates, UTF-8 and GBK in turn). For each N, a fresh data dir is crawled and
built by `notices run --workers N` in a subprocess, as a user runs it; the figures are its wall
time, the crawl stage's seconds (for N > 1 the partitions' wall time, their parsing included), the build's
parse stage (for N > 1 the outcomes the partitions parsed are only loaded), the pages the sites served,
pages per crawl second, and the speed-up against workers=1 measured in the same bench run.

Run: uv run python bench/night_bench.py [--sites 20] [--articles 5] [--delay 0.2] [--workers 1 2 4]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
from parse_bench import notice_page  # noqa: E402

ROBOTS = b"User-agent: *\nAllow: /\n"


class Site:
    """One loopback site serving its list and articles from memory, counting the pages it served."""

    def __init__(self, first_notice: int, articles: int) -> None:
        self.pages = {f"/a/{n}.html": (notice_page(first_notice + n), first_notice + n) for n in range(articles)}
        links = "".join(
            f'<li><a href="{path}">关于巡察整改进展情况的通报（{n}）</a></li>' for path, (_, n) in self.pages.items()
        )
        self.listing = f"<html><head><meta charset='utf-8'></head><body><ul>{links}</ul></body></html>".encode()
        self.served = 0
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                body, charset = site.answer(self.path)
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Type", f"text/html; charset={charset}")
                self.end_headers()
                self.wfile.write(body or b"")

            def log_message(self, *_args: object) -> None:  # the bench prints its own figures
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def list_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}/xcgz/index.html"

    def answer(self, path: str) -> tuple[bytes | None, str]:
        with self._lock:
            self.served += 1
        if path == "/robots.txt":
            return ROBOTS, "utf-8"
        if path == "/xcgz/index.html":
            return self.listing, "utf-8"
        found = self.pages.get(path)
        if found is None:
            return None, "utf-8"
        body, n = found
        return body, "gb2312" if n % 2 else "utf-8"  # as notice_page declares it


def night(sites: list[Site], workers: int, delay: float, root: Path) -> dict[str, float]:
    data_dir = root / f"workers-{workers}"
    data_dir.mkdir()
    sources = data_dir / "sources.yaml"
    entries = "".join(f"  - name: site-{i:02d}\n    start_urls: ['{s.list_url}']\n" for i, s in enumerate(sites))
    sources.write_text(
        f"crawl: {{min_delay_seconds: {delay}, retries: 0}}\nsources:\n{entries}local_dirs: []\n", encoding="utf-8"
    )
    env = {**os.environ, "NOTICES_DATA_DIR": str(data_dir), "NOTICES_SOURCES": str(sources)}
    for variable in ("NOTICES_DUCKDB_PATH", "DAGSTER_HOME"):
        env.pop(variable, None)
    served_before = sum(s.served for s in sites)
    started = time.perf_counter()
    result = subprocess.run(
        ["notices", "run", "--workers", str(workers)], env=env, capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"notices run --workers {workers} failed: {result.stderr.strip()}")
    crawl = re.search(r"\bcrawl (\d+\.\d)", result.stdout)
    parse = re.search(r"\bparse (\d+\.\d)", result.stdout)
    notices = re.search(r"marts: (\d+) notices", result.stdout)
    return {
        "wall": wall,
        "crawl": float(crawl.group(1)) if crawl else float("nan"),
        "parse": float(parse.group(1)) if parse else float("nan"),
        "pages": sum(s.served for s in sites) - served_before,
        "notices": float(notices.group(1)) if notices else float("nan"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sites", type=int, default=20)
    parser.add_argument("--articles", type=int, default=5, help="articles per site")
    parser.add_argument("--delay", type=float, default=0.2, help="min_delay_seconds per host")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    args = parser.parse_args()
    sites = [Site(i * args.articles, args.articles) for i in range(args.sites)]
    print(
        f"{args.sites} sites × {args.articles} articles on 127.0.0.1, min_delay_seconds {args.delay}, "
        f"{os.cpu_count()} cores"
    )
    print(
        f"{'workers':>7} {'wall s':>7} {'crawl s':>7} {'parse s':>7} {'pages':>6} {'pages/s':>8} {'crawl ×':>7} "
        f"{'wall ×':>7} notices"
    )
    base: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="night-bench-") as root:
        for workers in args.workers:
            figures = night(sites, workers, args.delay, Path(root))
            base = base or figures
            print(
                f"{workers:>7} {figures['wall']:>7.1f} {figures['crawl']:>7.1f} {figures['parse']:>7.1f} "
                f"{figures['pages']:>6.0f} "
                f"{figures['pages'] / figures['crawl']:>8.2f} {base['crawl'] / figures['crawl']:>7.2f} "
                f"{base['wall'] / figures['wall']:>7.2f} {figures['notices']:.0f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
