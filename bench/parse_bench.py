"""Parser throughput on one core: notices/s and MB/s for .txt and saved .html inputs.

The three samples are replicated to N documents, each made distinct (organisation, dates,
counts) so that nothing is cached between them; HTML copies are wrapped in a government-site
page template (GBK declared as gb2312 for every other one). Run: uv run python bench/parse_bench.py
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))  # the page template the HTML tests use
sys.path.insert(0, str(REPO / "bench"))

from corpus import sample_texts, variant  # noqa: E402
from templates import TEMPLATES, page  # noqa: E402
from test_parse_html import as_page  # noqa: E402

from dagster_project.parse import parse_document  # noqa: E402

TARGET_TXT_PER_SECOND = 300
TARGET_HTML_PER_SECOND = 60


@cache
def _samples() -> tuple[str, ...]:
    return tuple(sample_texts())


def notice_text(i: int) -> str:
    """The i-th distinct text notice."""
    samples = _samples()
    return variant(samples[i % len(samples)], i)


def notice_page(i: int) -> bytes:
    """The i-th notice as a page: the five templates of the tests (the old one of test_parse_html
    and TRS, table layout, Word-pasted, modern article), UTF-8 and GBK declared as gb2312 in turn."""
    charset = "gb2312" if i % 2 else "utf-8"
    lines = [line for line in notice_text(i).split("\n")[5:] if line.strip()]
    kind = i % (len(TEMPLATES) + 1)
    if kind == len(TEMPLATES):
        return as_page("\n".join(lines), "关于巡察整改进展情况的通报", "2024-03-15", charset)
    return page(TEMPLATES[kind], lines, "关于巡察整改进展情况的通报", "2024-03-15 10:20", charset)


def corpus(n: int) -> tuple[list[bytes], list[bytes]]:
    """n distinct text notices, and the same notices as pages."""
    return [notice_text(i).encode("utf-8") for i in range(n)], [notice_page(i) for i in range(n)]


def measure_trafilatura(documents: list[bytes]) -> float:
    """The floor beside our HTML figure: trafilatura's extraction alone, on the decoded pages."""
    import trafilatura

    from dagster_project.parse.decode import decode_bytes
    from dagster_project.parse.extract import _trafilatura_config

    pages = [decode_bytes(data)[0] for data in documents]
    started = time.perf_counter()
    for html in pages:
        trafilatura.extract(
            html, config=_trafilatura_config(), include_tables=True, favor_recall=True, deduplicate=False
        )
    elapsed = time.perf_counter() - started
    print(
        f"{'trafilatura.extract alone':27s} {len(pages) / elapsed:8.1f} pages/s  "
        f"({elapsed / len(pages) * 1000:.1f} ms a page; no longer on our path unless no container stands out)"
    )
    return len(pages) / elapsed


def measure_floor(documents: list[bytes]) -> float:
    """The floor beside our text figure, measured in the same run: what touching each notice once
    costs (decode, hash, split into sentences with one regex). On a shared, noisy machine the ratio
    to this floor is the figure that compares between runs."""
    import hashlib
    import re

    sentence = re.compile(r"[^。!！?？\n]+")
    started = time.perf_counter()
    for data in documents:
        text = data.decode("utf-8")
        hashlib.sha256(data).hexdigest()
        sentence.findall(text)
    elapsed = time.perf_counter() - started
    print(f"{'floor (decode, hash, split)':27s} {len(documents) / elapsed:8.1f} notices/s")
    return len(documents) / elapsed


def measure(label: str, documents: list[bytes], suffix: str) -> float:
    latencies = []
    started = time.perf_counter()
    for data in documents:
        t0 = time.perf_counter()
        parse_document(data, f"doc{suffix}")
        latencies.append(time.perf_counter() - t0)
    elapsed = time.perf_counter() - started
    megabytes = sum(map(len, documents)) / 1e6
    latencies.sort()
    print(
        f"{label:5s} {len(documents):6d} docs  {elapsed:7.2f} s  {len(documents) / elapsed:8.1f} notices/s  "
        f"{megabytes / elapsed:6.2f} MB/s  p50 {statistics.median(latencies) * 1000:6.1f} ms  "
        f"p95 {latencies[int(len(latencies) * 0.95)] * 1000:6.1f} ms"
    )
    return len(documents) / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1000, help="documents per format (default 1000)")
    args = parser.parse_args()
    txt, html = corpus(args.n)
    parse_document(txt[0], "warmup.txt")
    parse_document(html[0], "warmup.html")
    txt_floor = measure_floor(txt)
    rate = measure("txt", txt, ".txt")
    html_rate = measure("html", html, ".html")
    floor = measure_trafilatura(html)
    verdict = "meets" if rate >= TARGET_TXT_PER_SECOND else "MISSES"
    print(
        f"target: >= {TARGET_TXT_PER_SECOND} text notices/s on one core -> {verdict} ({rate:.0f}/s; "
        f"the floor is {txt_floor / rate:.1f}× faster)"
    )
    verdict = "meets" if html_rate >= TARGET_HTML_PER_SECOND else "MISSES"
    print(
        f"target: >= {TARGET_HTML_PER_SECOND} pages/s on one core -> {verdict} ({html_rate:.0f}/s; "
        f"{html_rate / floor:.2f}× trafilatura's extraction alone)"
    )


if __name__ == "__main__":
    main()
