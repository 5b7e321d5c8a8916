"""`build_report`: the static site of the published warehouse, written atomically.

The site is built into a new folder beside `out_dir` and published as a whole (`folders.py`:
`out_dir` is a symlink replaced in one rename), so a reader (a browser on file://, a web server)
sees the old report or the new one, never half of one.

**A page that would come out the same is linked, not rendered.** The per-notice and
per-organisation pages (all but the four top pages) are a function of their own rows, the
templates and this package's code: each set records, in `.pages.json`, a digest of that for every
such page, and the next build hard-links the previous set's file where the digest is unchanged.
A notice page's rows are digested in DuckDB (`queries.notice_digests`), and only the rows of the
pages to render are fetched.
A night that adds 1% of notices renders about 1% of those pages. The build's time and notice count
are shown on the top pages only, so they do not make every page differ each night.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote, urlsplit

import duckdb
import pyarrow as pa
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .. import folders
from ..workers import usable_cores, worker_context
from . import charts
from . import queries as q
from .queries import Row
from .shown import record_shown_build, report_code_digest

TEMPLATES_DIR = Path(__file__).parent / "templates"
NOTICES_DIR = "notices"
ORGANIZATIONS_DIR = "organizations"
# The pages at the top of the site (the per-notice and per-organisation pages are below them).
TOP_PAGES = ("index.html", "discrepancies.html", "topics.html", "quality.html")
# notice_id is 20 hex digits of SHA-256, organization_id an md5: both are safe file names as they
# are. Anything else is refused rather than written as a path.
_SAFE_PAGE_KEY = re.compile(r"^[0-9a-f]{16,64}$")
# Only these get an href: a `javascript:` or `data:` source URL stays text.
LINKABLE_SCHEMES = ("http", "https")
# DuckDB's share of the report's memory: the per-notice queries are sorted by notice_id and read
# side by side; beyond this their sorted rows spill to disk instead of growing the process.
REPORT_MEMORY_LIMIT = "512MB"
# Rendering a notice page is CPU-bound Jinja (3/4 of a cold report). From this many pages to
# render on, they are rendered by a process per core, in tasks of contiguous notice ids, each task
# with its own read-only connection and this share of the memory; below it (a night that adds 1%
# of notices renders ~1% of the pages) starting the workers would cost more than it saves.
POOL_FROM_PAGES = 400
WORKER_MEMORY_LIMIT = "256MB"
# Notices per task at most, so the rows one task's seven queries sort do not grow with the
# warehouse. Each task scans the tables again, so tasks are not made smaller: at 10,000 notices
# the workers' RSS was 535-570 MB with tasks of 5,000 and of 2,000 alike.
RENDER_TASK_NOTICES = 5_000
# From this many notices the top pages (each lists every notice) are written by a worker, beside
# this process's digests, links and pages. At 100,000 notices that kept their rows out of the run's
# process (its peak RSS in a report: 1.32-1.48 GiB against 1.86-2.15 GiB); at 10,000, on a night
# that adds 1%, the worker's own imports and queries cost more than the overlap saved (the report
# step took 13.4 s against 11.2 s, three nights each). Between the two it was not tried: the
# mid-point is a guess.
TOP_PAGES_WORKER_FROM = 50_000
# Pages per task of the pages rendered from rows already fetched (the organisations'): enough
# that sending a task costs little beside rendering it.
RENDER_TASK_PAGES = 5_000
ORGANIZATION_TEMPLATE = "organization.html.j2"
# The spill folders of the report's connections, beside the published file (`read_only`).
SPILL_PREFIX = ".report-spill-"
# In each set: relative path → digest of what the page was rendered from (its reusable pages only).
PAGE_DIGESTS = ".pages.json"

# The header facts of a notice page, in reading order, with their captions; the fact names are
# those of fct_evidence, so each value is shown beside the words it was read from.
HEADER_FACTS = (
    ("title", "Title"),
    ("issuer", "Issuer"),
    ("inspection_kind", "Kind"),
    ("inspector", "Inspecting group"),
    ("inspection_start", "Inspection from"),
    ("inspection_end", "Inspection to"),
    ("feedback_date", "Feedback"),
    ("as_of_date", "Counts as of"),
    ("signed_date", "Signed"),
    ("published_date", "Published"),
)
CHECK_CAPTIONS = {"problems": "number of problems", "completion_rate": "completion rate (%)"}


@dataclass(frozen=True)
class ReportSummary:
    out_dir: Path
    pages: int
    notice_pages: int
    organization_pages: int
    notices_disagreeing: int
    pages_linked: int = 0  # of `pages`, those unchanged since the previous set, hard-linked from it
    rendering_workers: int = 0  # processes that rendered the notice pages (0: this one did)


@dataclass(frozen=True)
class SourceLink:
    """Where a notice came from: its URL, or its stored file (linked when the file is found)."""

    text: str | None
    href: str | None


def build_report(
    published_path: Path,
    out_dir: Path,
    document_roots: Sequence[Path] = (),
    pool_from: int = POOL_FROM_PAGES,
    top_pages_worker_from: int = TOP_PAGES_WORKER_FROM,
) -> ReportSummary:
    """Write the report of the warehouse at `published_path` (opened read-only) to `out_dir`.

    `document_roots` are the folders a stored path (fct_document.stored_path) is relative to,
    tried in order: a notice's stored file is linked with a relative href when one holds it.
    From `top_pages_worker_from` notices on, a worker writes the top pages, and from `pool_from`
    pages to render on, workers render the notice and organisation pages (`_write_site`)."""
    out_dir = out_dir.absolute()
    previous = out_dir.resolve() if out_dir.is_symlink() and out_dir.is_dir() else None
    site = folders.new_version(out_dir)
    try:
        with read_only(published_path, REPORT_MEMORY_LIMIT) as connection:
            pages = _Pages(site, previous)
            roots = [root.resolve() for root in document_roots]
            summary = _write_site(connection, published_path, pages, out_dir, roots, pool_from, top_pages_worker_from)
            pages.save()
            record_shown_build(site, q.built_at(connection), pages.code)
    except BaseException:
        folders.discard(site)  # the last good report stays
        raise
    folders.switch_to(out_dir, site)
    return summary


@contextlib.contextmanager
def read_only(published: Path, memory_limit: str, threads: int = 0) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection that spills into a folder of its own beside the file (`threads`: 0
    for DuckDB's default). DuckDB's default folder, `<file>.tmp`, is shared by every process that
    opens the file, and the spill files in it have the same names in each process: two processes
    spilling at once delete each other's. At 100,000 notices the report's workers failed so
    ("Cannot open file …/notices.duckdb.tmp/duckdb_temp_storage_DEFAULT-0.tmp"), and a BI tool
    reading the file while the report is built spills there too."""
    beside = published.parent if os.access(published.parent, os.W_OK) else None  # else the system's temp
    with tempfile.TemporaryDirectory(prefix=SPILL_PREFIX, dir=beside) as spill:
        config: dict[str, str | bool | int | float | list[str]] = {
            "memory_limit": memory_limit,
            "temp_directory": spill,
        }
        if threads:
            config["threads"] = threads
        with duckdb.connect(str(published), read_only=True, config=config) as connection:
            # DuckDB draws a bar on the terminal for a query of over 2 s: from two workers at once
            # (a busy machine, a large warehouse) the bars garbled `notices report`'s output.
            connection.execute("SET enable_progress_bar = false")
            yield connection


# What `give_back_cached_memory` lowers DuckDB's cap to for a moment.
CACHE_FLOOR = "16MB"


def give_back_cached_memory(connection: duckdb.DuckDBPyConnection, memory_limit: str) -> None:
    """Make DuckDB give back the blocks it keeps cached (it fills its cap with them whether a query
    needs them again or not) by lowering its cap for a moment, then restore `memory_limit`.
    Memory a query still holds (an open result) cannot go: then nothing is given back."""
    with contextlib.suppress(duckdb.OutOfMemoryException):
        connection.execute(f"SET memory_limit = '{CACHE_FLOOR}'")
    connection.execute(f"SET memory_limit = '{memory_limit}'")


def page_name(folder: str, key: str) -> str:
    """The path of a notice's or organisation's page, from its hex key (never from its name)."""
    if not _SAFE_PAGE_KEY.match(key):
        raise ValueError(f"{key!r} is not a hex key: refusing to make a file name of it")
    return f"{folder}/{key}.html"


_MISSING_MARKUP = Markup('<span class="ns">{}</span>')
# Made once: formatting this Markup for every null cell was about a sixth of a cold report's
# rendering time in a profile (3,000 notices).
_NOT_STATED_MARKUP = _MISSING_MARKUP.format(charts.NOT_STATED)


def stated(value: object, missing: str = charts.NOT_STATED) -> Markup | str:
    """A fact as the page shows it: null is "not stated" (never 0); numbers without a spurious .0."""
    if value is None:
        return _NOT_STATED_MARKUP if missing == charts.NOT_STATED else _MISSING_MARKUP.format(missing)
    if type(value) is str:  # most values: before the isinstance checks (a str subclass such as Markup falls through)
        return value
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def signed(value: float) -> str:
    text = stated(value)
    return f"+{text}" if value > 0 else str(text)


def source_link(url: str | None, stored_path: str | None, page_dir: Path, roots: Sequence[Path]) -> SourceLink:
    """The source URL when the notice was fetched (http/https only), else its stored file."""
    if url:
        return SourceLink(url, url if urlsplit(url).scheme.lower() in LINKABLE_SCHEMES else None)
    if not stored_path:
        return SourceLink(None, None)
    # Strings, not pathlib: this runs for every notice of every report (pathlib's objects were most
    # of its time, a tenth of a report that links every page).
    for root in roots:
        candidate = os.path.join(root, stored_path)
        if os.path.isfile(candidate):
            relative = _relative_path(candidate, root, stored_path, page_dir)
            return SourceLink(stored_path, quote(relative if os.sep == "/" else relative.replace(os.sep, "/")))
    return SourceLink(stored_path, None)


def _relative_path(candidate: str, root: str | Path, stored_path: str, page_dir: str | Path) -> str:
    """`candidate` (root joined with stored_path) relative to page_dir. A plain relative stored path
    is appended to the root's relative path, which is worked out once per root and folder:
    os.path.relpath for each of 200,000 links was 7 s of a report at 100,000 notices."""
    if os.path.isabs(stored_path) or os.path.normpath(stored_path) != stored_path or stored_path.startswith(".."):
        return os.path.relpath(candidate, page_dir)
    base = _relative_root(str(root), str(page_dir))
    return stored_path if base == "." else os.path.join(base, stored_path)


@functools.lru_cache(maxsize=64)
def _relative_root(root: str, page_dir: str) -> str:
    return os.path.relpath(root, page_dir)


def environment(statuses: dict[str, str]) -> Environment:
    """Jinja with autoescape on for every template: each text from a notice is escaped."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["stated"] = stated
    env.filters["signed"] = signed
    env.filters["notice_page"] = lambda key: page_name(NOTICES_DIR, key)
    env.filters["organization_page"] = lambda key: page_name(ORGANIZATIONS_DIR, key)
    env.filters["check_label"] = lambda check: (
        f"{statuses[check]} ({check})" if check in statuses else CHECK_CAPTIONS.get(check, check)
    )
    return env


class _Pages:
    """The digests of the set being built, and the previous set's to link unchanged pages from."""

    def __init__(self, site: Path, previous: Path | None) -> None:
        self.site, self.previous, self.code = site, previous, report_code_digest()
        self.digests: dict[str, str] = {}
        self.linked = 0
        self._folders: set[str] = set()  # folders of the new set made for linked pages
        self._before: dict[str, str] = {}
        if previous is not None:
            try:
                self._before = json.loads((previous / PAGE_DIGESTS).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self._before = {}  # a set without digests (an older layout): every page is rendered

    def link_unchanged(self, relative: str, template: str, context: dict[str, Any]) -> bool:
        """Record the page's digest; link the previous set's file when it was rendered from the same.
        `context` is what the page shows, or digests of it (a notice's rows are digested in DuckDB)."""
        digest = hashlib.blake2b(repr((self.code, template, sorted(context.items()))).encode(), digest_size=16)
        self.digests[relative] = digest.hexdigest()
        if self.previous is None or self._before.get(relative) != self.digests[relative]:
            return False
        folder = os.path.dirname(relative)
        if folder not in self._folders:  # one mkdir per folder, not per page
            (self.site / folder).mkdir(parents=True, exist_ok=True)
            self._folders.add(folder)
        try:
            os.link(os.path.join(self.previous, relative), os.path.join(self.site, relative))
        except OSError:
            return False  # gone, or another file system: render it
        self.linked += 1
        return True

    def save(self) -> None:
        (self.site / PAGE_DIGESTS).write_text(json.dumps(self.digests), encoding="utf-8")


def _write_site(
    connection: duckdb.DuckDBPyConnection,
    published: Path,
    pages: _Pages,
    final: Path,
    roots: list[Path],
    pool_from: int,
    top_pages_worker_from: int,
) -> ReportSummary:
    """The pages of the warehouse at `published` (open on `connection`), written below `pages.site`;
    links to stored files are relative to where the site will be (`final`, the summary's folder),
    not to the folder it is built in.

    Work goes to processes of the pool (a process per core, each started when a task first needs
    it): the top pages, which list every notice, to one worker from `top_pages_worker_from`
    notices on, started first, beside everything else; the notice and organisation pages to every
    worker from `pool_from` pages to render on. The rest is done here."""
    site = pages.site
    statuses = {row["status"]: row["label_zh"] for row in q.rows(connection, q.STATUS_LABELS)}
    env = environment(statuses)
    with contextlib.ExitStack() as stack:
        pool = stack.enter_context(ProcessPoolExecutor(usable_cores(), mp_context=worker_context()))
        [count] = q.rows(connection, q.NOTICE_COUNT)
        top_pages: Future[int] | None = None
        if count["notices"] >= top_pages_worker_from:
            top_pages = pool.submit(_top_pages_task, _TopPagesTask(published, site, final, roots, statuses))

        findings = q.grouped(q.rows(connection, q.FINDINGS), "notice_id")
        rendered, headers = _notice_pages_to_render(connection, pages, final, roots, findings, statuses)
        organizations, organization_pages = _organization_pages_to_render(connection, pages, statuses)

        tasks: list[Future[None]] = []
        workers = usable_cores() if len(rendered) + len(organization_pages) >= pool_from else 0
        if workers:
            for task in _task_slices(rendered, RENDER_TASK_NOTICES, workers):
                task_findings = {notice["notice_id"]: findings.get(notice["notice_id"], []) for notice, _ in task}
                tasks.append(pool.submit(_render_task, _NoticeTask(published, site, statuses, task, task_findings)))
            for task_pages in _task_slices(organization_pages, RENDER_TASK_PAGES, workers):
                tasks.append(pool.submit(_render_pages, site, statuses, ORGANIZATION_TEMPLATE, task_pages))
        else:
            _render_pages(site, statuses, ORGANIZATION_TEMPLATE, organization_pages, env)
            _render_notice_pages(connection, env, site, rendered, findings)
        if top_pages is None:  # with the rows this process has fetched already
            disagreeing = _write_top_pages(connection, env, site, final, roots, findings, organizations)
        # This process has run its queries (but one that reads a row): what DuckDB cached for them
        # would stay, up to its cap, beside the workers' memory until they finish. With the top
        # pages in a worker that is most of the report: a cold report of 10,000 notices so made
        # peaked at 1,570-1,582 MB against 1,794-1,810 MB (its process: 248 MB when it waited).
        give_back_cached_memory(connection, REPORT_MEMORY_LIMIT)
        for future in tasks:
            future.result()  # a worker's failure fails the report (and the set is discarded)
        if top_pages is not None:
            disagreeing = top_pages.result()

    return ReportSummary(
        final,
        pages=len(TOP_PAGES) + len(headers) + len(organizations),
        notice_pages=len(headers),
        organization_pages=len(organizations),
        notices_disagreeing=disagreeing,
        pages_linked=pages.linked,
        rendering_workers=workers,
    )


Task = TypeVar("Task")


def _task_slices(items: list[Task], most: int, workers: int) -> Iterator[list[Task]]:
    """`items` in consecutive slices of at most `most`, and small enough that every worker has one."""
    size = max(min(most, -(-len(items) // workers)), 1)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _notice_pages_to_render(
    connection: duckdb.DuckDBPyConnection,
    pages: _Pages,
    final: Path,
    roots: list[Path],
    findings: dict[str, list[Row]],
    statuses: dict[str, str],
) -> tuple[list[tuple[Row, SourceLink]], list[Row]]:
    """The notice pages that differ from the previous set's (the others are linked), with the
    links to their stored files, in notice_id order; and every notice's header row.

    Which pages differ is decided from digests of their rows computed in DuckDB
    (`q.notice_digests`); only the rows of those pages are fetched later. On a night that adds 1%
    of notices, fetching and hashing every notice's rows in Python was half of the report's time."""
    row_digests = {part: q.notice_digests(connection, q.per_notice_sql(part, False)) for part in q.PER_NOTICE}
    headers = q.rows(connection, q.NOTICE_HEADERS)
    rendered: list[tuple[Row, SourceLink]] = []
    # In notice_id order: the per-notice queries are read in it (`q.RowsByNotice`).
    for notice in sorted(headers, key=lambda header: header["notice_id"]):
        notice_id = notice["notice_id"]
        link = source_link(notice["source_url"], notice["stored_path"], final / NOTICES_DIR, roots)
        what_it_shows = {
            "notice": notice,
            "link": link,
            "findings": findings.get(notice_id, []),
            "rows": [row_digests[part].get(notice_id) for part in q.PER_NOTICE],
            "statuses": statuses,
        }
        if not pages.link_unchanged(page_name(NOTICES_DIR, notice_id), "notice.html.j2", what_it_shows):
            rendered.append((notice, link))
    return rendered, headers


def _organization_pages_to_render(
    connection: duckdb.DuckDBPyConnection, pages: _Pages, statuses: dict[str, str]
) -> tuple[list[Row], list[tuple[str, dict[str, Any]]]]:
    """Every organisation's row; and the pages (path, context) of those whose page differs from
    the previous set's. A page shows its organisation's rows and its notices' (and the status
    labels), nothing else."""
    organizations = q.rows(connection, q.ORGANIZATIONS)
    organization_notices = q.grouped(q.rows(connection, q.ORGANIZATION_NOTICES), "organization_id")
    to_render: list[tuple[str, dict[str, Any]]] = []
    for organization in organizations:
        relative = page_name(ORGANIZATIONS_DIR, organization["organization_id"])
        context = {
            "organization": organization,
            "notices": organization_notices.get(organization["organization_id"], []),
        }
        if not pages.link_unchanged(relative, ORGANIZATION_TEMPLATE, {**context, "statuses": statuses}):
            to_render.append((relative, context))
    return organizations, to_render


def _write_top_pages(
    connection: duckdb.DuckDBPyConnection,
    env: Environment,
    site: Path,
    final: Path,
    roots: list[Path],
    findings: dict[str, list[Row]],
    organizations: list[Row],
) -> int:
    """The four top pages, each with the build's time and notice count; the number of notices
    whose own numbers disagree somewhere (the discrepancies page lists them). `findings` by
    notice and `organizations` are the FINDINGS and ORGANIZATIONS rows."""
    notices = q.rows(connection, q.NOTICE_LIST)
    common = {"built_at": q.built_at(connection), "notice_count": len(notices)}

    def write(relative: str, template: str, **context: Any) -> None:
        _write_page(env, site, relative, template, {**common, **context})

    by_province_year_kind = q.rows(connection, q.NOTICES_BY_PROVINCE_YEAR_KIND)
    completion_rates = q.rows(connection, q.CLAIMED_COMPLETION_RATES)
    [reconciliation] = q.rows(connection, q.RECONCILIATION_OVERVIEW)
    write(
        "index.html",
        "index.html.j2",
        notices=notices,
        organizations=organizations,
        by_province_year_kind=by_province_year_kind,
        completion_rates=completion_rates,
        reconciliation=reconciliation,
        reconciliation_by_check=q.rows(connection, q.RECONCILIATION_BY_CHECK),
        charts={
            "by_province": charts.notices_by_province(by_province_year_kind),
            "by_year": charts.notices_by_year(by_province_year_kind),
            "completion_rates": charts.completion_rates(completion_rates),
        },
    )

    discrepancies = q.discrepancies(connection)
    disagreeing = [
        {
            "rows": rows,
            "link": source_link(rows[0]["source_url"], rows[0]["stored_path"], final, roots),
            # One quote per distinct sentence: several counts are usually read from the same one.
            "evidence": list(dict.fromkeys(row["evidence_text"] for row in rows if row["evidence_text"])),
        }
        for rows in q.grouped(discrepancies, "notice_id").values()
    ]
    write(
        "discrepancies.html",
        "discrepancies.html.j2",
        discrepancies=discrepancies,
        notices=disagreeing,
        charts={"gaps": charts.discrepancy_gaps(discrepancies)} if discrepancies else {},
    )

    topics = q.rows(connection, q.TOPICS_BY_YEAR)
    write(
        "topics.html",
        "topics.html.j2",
        topics=topics,
        charts={"topics": charts.topics_over_time(topics)} if topics else {},
    )

    write("quality.html", "quality.html.j2", findings_by_notice=list(findings.items()))
    return len(disagreeing)


@dataclass(frozen=True)
class _TopPagesTask:
    """What a worker needs to write the top pages (all of it picklable)."""

    published: Path
    site: Path
    final: Path
    roots: list[Path]
    statuses: dict[str, str]


def _top_pages_task(task: _TopPagesTask) -> int:
    """In a worker: the top pages, from a read-only connection of its own (one DuckDB thread:
    there is a worker per core)."""
    with read_only(task.published, REPORT_MEMORY_LIMIT, threads=1) as connection:
        findings = q.grouped(q.rows(connection, q.FINDINGS), "notice_id")
        organizations = q.rows(connection, q.ORGANIZATIONS)
        env = environment(task.statuses)
        return _write_top_pages(connection, env, task.site, task.final, task.roots, findings, organizations)


def _write_page(env: Environment, site: Path, relative: str, template: str, context: dict[str, Any]) -> None:
    path = site / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    root = "../" * relative.count("/")
    path.write_text(env.get_template(template).render(root=root, **context), encoding="utf-8")


def _render_notice_pages(
    connection: duckdb.DuckDBPyConnection,
    env: Environment,
    site: Path,
    notices: list[tuple[Row, SourceLink]],
    findings: dict[str, list[Row]],
) -> None:
    """The pages of `notices` (in notice_id order), their rows streamed by notice from DuckDB."""
    ids = {q.RENDERED_NOTICES: pa.table({"notice_id": pa.array([n["notice_id"] for n, _ in notices], pa.string())})}
    per_notice = {part: q.RowsByNotice(connection, q.per_notice_sql(part, True), ids) for part in q.PER_NOTICE}
    try:
        for notice, link in notices:
            notice_id = notice["notice_id"]
            rows = {part: reader.rows_of(notice_id) for part, reader in per_notice.items()}
            facts = {row["fact_name"]: row["evidence_text"] for row in rows["evidence"]}
            context = {
                "notice": notice,
                "link": link,
                "header_facts": HEADER_FACTS,
                "evidence": facts,
                "claims": rows["claims"],
                # The headline summary's sentences (all its counts are usually read from one).
                "claim_evidence": list(
                    dict.fromkeys(text for name, text in sorted(facts.items()) if name.startswith("claims."))
                ),
                "progress": rows["progress"][0],
                "reconciliation": rows["checks"],
                "issues": rows["issues"],
                "measures": dict(q.grouped(rows["measures"], "issue_key")),
                "findings": findings.get(notice_id, []),
                "warnings": rows["warnings"],
            }
            _write_page(env, site, page_name(NOTICES_DIR, notice_id), "notice.html.j2", context)
    finally:
        for reader in per_notice.values():
            reader.close()


def _render_pages(
    site: Path,
    statuses: dict[str, str],
    template: str,
    pages: list[tuple[str, dict[str, Any]]],
    env: Environment | None = None,
) -> None:
    """Pages of one template, each from its context (in a worker, with an environment of its own)."""
    env = env or environment(statuses)
    for relative, context in pages:
        _write_page(env, site, relative, template, context)


@dataclass(frozen=True)
class _NoticeTask:
    """What a worker needs to render a task's notice pages (all of it picklable)."""

    published: Path
    site: Path
    statuses: dict[str, str]
    notices: list[tuple[Row, SourceLink]]
    findings: dict[str, list[Row]]


def _render_task(task: _NoticeTask) -> None:
    """In a worker: a task's notice pages, from a read-only connection of its own."""
    # One DuckDB thread: there is a worker per core.
    with read_only(task.published, WORKER_MEMORY_LIMIT, threads=1) as connection:
        _render_notice_pages(connection, environment(task.statuses), task.site, task.notices, task.findings)
