"""HTTP the way a careful crawler does it: robots.txt, a delay per host, timeouts, retries, redirects."""

from __future__ import annotations

import time
import urllib.robotparser
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from ..sources import CrawlSettings
from .gate import wait_turn


@dataclass
class Response:
    url: str
    final_url: str | None
    status: int | None
    body: bytes = b""
    content_type: str | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


@dataclass
class PoliteClient:
    """One per crawl: robots.txt is read once per host, and requests to a host are spaced out, across
    processes too, through the host gates in `gate_dir` (gate.py)."""

    settings: CrawlSettings
    gate_dir: Path
    client: httpx.Client = field(init=False)
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.client = httpx.Client(
            headers={"User-Agent": self.settings.user_agent},
            timeout=self.settings.timeout_seconds,
            follow_redirects=True,
        )

    def close(self) -> None:
        self.client.close()

    def _host(self, url: str) -> str:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}"

    def _wait_turn(self, host: str) -> None:
        robots = self._robots.get(host)
        crawl_delay = robots.crawl_delay(self.settings.user_agent) if robots else None
        wait_turn(self.gate_dir, host, max(self.settings.min_delay_seconds, float(crawl_delay or 0)))

    def robots_for(self, url: str) -> urllib.robotparser.RobotFileParser | None:
        """The host's rules (None: the host could not say, so nothing there is fetched this run).

        urllib's own read() has no timeout, so robots.txt comes through our client; a 404 allows all.
        """
        host = self._host(url)
        if host not in self._robots:
            response = self._request(f"{host}/robots.txt", host)
            parser = urllib.robotparser.RobotFileParser()
            if response.ok:
                parser.parse(response.body.decode("utf-8", "replace").splitlines())
                self._robots[host] = parser
            elif response.status is not None and 400 <= response.status < 500:
                parser.parse([])
                self._robots[host] = parser
            else:
                self._robots[host] = None
        return self._robots[host]

    def allowed(self, url: str) -> bool:
        robots = self.robots_for(url)
        return robots is not None and robots.can_fetch(self.settings.user_agent, url)

    def get(self, url: str) -> Response:
        return self._request(url, self._host(url))

    def _request(self, url: str, host: str) -> Response:
        """GET with retries and backoff on timeouts, connection errors and 5xx; never on 4xx."""
        last = Response(url, None, None, error="not attempted")
        for attempt in range(self.settings.retries + 1):
            if attempt:
                time.sleep(self.settings.backoff_seconds * 2 ** (attempt - 1))
            self._wait_turn(host)
            try:
                reply = self.client.get(url)
            except httpx.TimeoutException:
                last = Response(url, None, None, error=f"timed out after {self.settings.timeout_seconds:g} s")
                continue
            except httpx.TransportError as error:
                last = Response(url, None, None, error=f"connection failed: {type(error).__name__}")
                continue
            last = Response(url, str(reply.url), reply.status_code, reply.content, reply.headers.get("content-type"))
            if reply.status_code < 500:
                break
            last.error = f"HTTP {reply.status_code}"
        if last.status is not None and last.status >= 400 and last.error is None:
            last.error = f"HTTP {last.status}"
        return last
