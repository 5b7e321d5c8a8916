"""One source's crawl: list pages (always re-read, with pagination) → article pages → attachments.

An article or attachment already stored by an earlier run (its URL in `known`) is not requested
again; list pages are. Every attempt, failed or refused by robots.txt, is a `FetchRecord` row.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import lxml.html

from ..parse.decode import UndecodableError, charset_from_content_type, decode_bytes
from ..settings import utc_now
from ..sources import WebSource
from .fetch import PoliteClient, Response
from .store import store_body

_NEXT_PAGE = re.compile(r"^\s*(?:下一页|下页|next|›|»|>)\s*$", re.IGNORECASE)
_ATTACHMENT = re.compile(r"\.(?:pdf|docx?)(?:$|\?)", re.IGNORECASE)


@dataclass(frozen=True)
class FetchRecord:
    """One row of raw.fetch_log."""

    fetch_id: str
    source: str
    url: str
    final_url: str | None
    kind: str
    http_status: int | None
    fetched_at: datetime
    sha256: str | None
    encoding: str | None
    content_type: str | None
    stored_path: str | None
    outcome: str
    error: str | None


@dataclass(frozen=True)
class StoredDocument:
    source: str
    url: str
    path: Path
    content_type: str | None


@dataclass
class CrawlReport:
    source: str
    fetches: list[FetchRecord] = field(default_factory=list)
    documents: list[StoredDocument] = field(default_factory=list)

    def count(self, *outcomes: str, kind: str | None = None) -> int:
        return sum(f.outcome in outcomes and (kind is None or f.kind == kind) for f in self.fetches)


def _links(html: str, base_url: str) -> list[tuple[str, str]]:
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return []
    return [
        (urldefrag(urljoin(base_url, anchor.get("href")))[0], " ".join(anchor.text_content().split()))
        for anchor in tree.xpath("//a[@href]")
        if not anchor.get("href", "").startswith(("javascript:", "mailto:"))
    ]


def has_notice_body(body: bytes, content_type: str | None) -> bool:
    """A page whose main text is a notice: enough Chinese text that speaks of 整改."""
    # Imported here: the extraction (readability, trafilatura) is only a crawl's, not every run's.
    from ..parse.extract import ExtractError, extract_text

    try:
        text = extract_text(body, "page.html", content_type).text
    except ExtractError:
        return False
    return len(re.findall(r"[\u4e00-\u9fff]", text)) >= 200 and text.count("整改") >= 2


class SourceCrawler:
    def __init__(
        self,
        source: WebSource,
        client: PoliteClient,
        pages_dir: Path,
        data_dir: Path,
        known: Mapping[str, str],
        on_progress: Callable[[str], None] | None = None,
    ) -> None:
        self.source, self.client, self.pages_dir, self.data_dir = source, client, pages_dir, data_dir
        self.known = known
        self.report = CrawlReport(source.name)
        self.seen_urls: set[str] = set()
        self.seen_hashes: set[str] = set()
        self.progress = on_progress or (lambda message: None)

    def _record(
        self,
        url: str,
        kind: str,
        outcome: str,
        response: Response | None = None,
        sha: str | None = None,
        encoding: str | None = None,
        stored: Path | None = None,
    ) -> None:
        self.report.fetches.append(
            FetchRecord(
                uuid.uuid4().hex,
                self.source.name,
                url,
                response.final_url if response else None,
                kind,
                response.status if response else None,
                utc_now(),
                sha,
                encoding,
                response.content_type if response else None,
                str(stored.relative_to(self.data_dir)) if stored else None,
                outcome,
                response.error if response else (None if outcome != "robots_forbidden" else "disallowed by robots.txt"),
            )
        )

    def _fetch(self, url: str, kind: str) -> Response | None:
        if not self.client.allowed(url):
            self._record(url, kind, "robots_forbidden")
            return None
        response = self.client.get(url)
        if not response.ok:
            self._record(url, kind, "failed", response)
            return None
        return response

    def _store(self, url: str, kind: str, response: Response, encoding: str | None) -> tuple[str, Path]:
        sha, path = store_body(self.pages_dir, response.body, response.content_type, response.final_url or url)
        outcome = "unchanged" if sha in self.seen_hashes or self.known.get(url) == sha else "new"
        self._record(url, kind, outcome, response, sha, encoding, path)
        return sha, path

    def run(self) -> CrawlReport:
        articles: list[str] = []
        for start_url in self.source.start_urls:
            articles.extend(self._walk_list(start_url))
        for url in dict.fromkeys(articles):
            self._article(url)
        return self.report

    def _walk_list(self, start_url: str) -> list[str]:
        found: list[str] = []
        url: str | None = start_url
        for _ in range(self.source.max_list_pages):
            if url is None or url in self.seen_urls:
                break
            self.seen_urls.add(url)
            response = self._fetch(url, "list")
            if response is None:
                break
            try:
                html, encoding = decode_bytes(response.body, charset_from_content_type(response.content_type))
            except UndecodableError as error:
                response.error = str(error)
                self._record(url, "list", "failed", response)
                break
            self._store(url, "list", response, encoding)
            links = _links(html, response.final_url or url)
            found += [href for href, text in links if any(k in text for k in self.source.title_keywords)]
            url = next((href for href, text in links if _NEXT_PAGE.match(text)), None)
            self.progress(f"{self.source.name}: list page {url or start_url}: {len(found)} article links so far")
        return found

    def _article(self, url: str) -> None:
        response = self._document(url, "article")
        if response is None or has_notice_body(response.body, response.content_type):
            return
        try:
            html, _ = decode_bytes(response.body, charset_from_content_type(response.content_type))
        except UndecodableError:
            return
        for href, _text in _links(html, response.final_url or url):
            if _ATTACHMENT.search(href):
                self._document(href, "attachment")

    def _document(self, url: str, kind: str) -> Response | None:
        """Fetch and store an article or attachment once per run, and never when stored before."""
        if url in self.seen_urls:
            return None
        self.seen_urls.add(url)
        if url in self.known:
            self._record(url, kind, "skipped_known", sha=self.known[url])
            return None
        response = self._fetch(url, kind)
        if response is None:
            return None
        encoding = None
        if kind == "article":
            try:
                encoding = decode_bytes(response.body, charset_from_content_type(response.content_type))[1]
            except UndecodableError:
                pass
        sha, path = self._store(url, kind, response, encoding)
        if sha not in self.seen_hashes:
            self.seen_hashes.add(sha)
            self.report.documents.append(
                StoredDocument(self.source.name, response.final_url or url, path, response.content_type)
            )
        return response
