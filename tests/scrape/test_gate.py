"""Per-host politeness across processes: two crawler processes asking one loopback host take turns."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from dagster_project.scrape.gate import lock_path, wait_turn

DELAY = 0.3
# Scheduling noise between the server thread stamping arrivals and the clients' clocks.
TOLERANCE = 0.05
REQUESTS_PER_PROCESS = 4

# One crawler process: a PoliteClient of its own, started at an agreed moment so both overlap.
CLIENT = f"""
import sys, time
from pathlib import Path
from dagster_project.scrape.fetch import PoliteClient
from dagster_project.sources import CrawlSettings
base, gate_dir, name, start_at, count = sys.argv[1:]
client = PoliteClient(CrawlSettings(min_delay_seconds={DELAY}, retries=0), Path(gate_dir))
time.sleep(max(float(start_at) - time.time(), 0))
for n in range(int(count)):
    assert client.get(f"{{base}}/{{name}}/{{n}}").ok
client.close()
"""


@pytest.mark.integration  # a loopback site and two subprocesses
def test_two_processes_on_one_host_keep_its_delay(httpserver: HTTPServer, tmp_path: Path) -> None:
    arrivals: list[tuple[float, str]] = []

    def stamp(request: Request) -> Response:
        arrivals.append((time.monotonic(), request.path.split("/")[1]))
        return Response("ok")

    for name in ("p1", "p2"):
        for n in range(REQUESTS_PER_PROCESS):
            httpserver.expect_request(f"/{name}/{n}").respond_with_handler(stamp)
    start_at = time.time() + 3.0  # after both interpreters have imported the client
    clients = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                CLIENT,
                httpserver.url_for(""),
                str(tmp_path / "hosts"),
                name,
                str(start_at),
                str(REQUESTS_PER_PROCESS),
            ]
        )  # fmt: skip
        for name in ("p1", "p2")
    ]
    assert [client.wait(timeout=60) for client in clients] == [0, 0]
    times = sorted(t for t, _ in arrivals)
    assert sorted(name for _, name in arrivals) == ["p1"] * REQUESTS_PER_PROCESS + ["p2"] * REQUESTS_PER_PROCESS
    gaps = [later - earlier for earlier, later in zip(times, times[1:], strict=False)]
    assert min(gaps) >= DELAY - TOLERANCE, gaps
    # They crawled at the same time (else the spacing would prove nothing): each began before the other ended.
    spans = {name: [t for t, n in arrivals if n == name] for name in ("p1", "p2")}
    assert min(spans["p1"]) < max(spans["p2"]) and min(spans["p2"]) < max(spans["p1"])


def test_each_host_has_its_own_gate(tmp_path: Path) -> None:
    assert lock_path(tmp_path, "http://a.gov.cn:8080").name == "http%3A%2F%2Fa.gov.cn%3A8080.lock"
    wait_turn(tmp_path, "http://a.gov.cn", DELAY)
    started = time.monotonic()
    wait_turn(tmp_path, "http://b.gov.cn", DELAY)  # another host: no wait
    assert time.monotonic() - started < DELAY / 2
    wait_turn(tmp_path, "http://a.gov.cn", DELAY)  # the same host: what is left of its delay
    assert time.monotonic() - started >= DELAY - TOLERANCE
