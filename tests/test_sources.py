"""The sources file: defaults, and a clear one-line message naming the key when it is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from dagster_project.settings import REPO_ROOT
from dagster_project.sources import SourcesError, load_sources


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_bundled_sources_ingest_the_samples() -> None:
    config = load_sources(REPO_ROOT / "sources.yaml")
    assert config.sources == [] and config.local_dirs == ["raw/samples", "raw/inbox"]
    assert config.crawl.min_delay_seconds == 1.0 and "notices-warehouse" in config.crawl.user_agent


def test_a_source_with_defaults(tmp_path: Path) -> None:
    config = load_sources(write(tmp_path, "sources:\n  - name: a\n    start_urls: ['http://127.0.0.1/x/index.html']\n"))
    assert (config.sources[0].title_keywords, config.sources[0].max_list_pages) == (["整改"], 5)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sources:\n  - name: a\n    start_urls: []\n", "sources.0.start_urls"),
        ("sources:\n  - name: a\n    start_urls: ['u']\n    max_list_pages: 0\n", "sources.0.max_list_pages"),
        ("sources:\n  - name: a\n    start_urls: ['u']\n    colour: red\n", "sources.0.colour"),
        ("crawl: {min_delay_seconds: -1}\n", "crawl.min_delay_seconds"),
        ("sources: [\n", "not valid YAML"),
        ("- just a list\n", "expected a mapping"),
    ],
)
def test_bad_sources_file_names_the_key(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(SourcesError, match=message.replace(".", r"\.")) as error:
        load_sources(write(tmp_path, text))
    assert "\n" not in str(error.value)


def test_missing_sources_file(tmp_path: Path) -> None:
    with pytest.raises(SourcesError, match="does not exist"):
        load_sources(tmp_path / "nope.yaml")
