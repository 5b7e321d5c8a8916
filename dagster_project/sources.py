"""The sources file: which sites to crawl and which local folders to ingest."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError


class SourcesError(ValueError):
    """A sources file that cannot be used; the message names the key and the problem."""


class WebSource(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    start_urls: list[str] = Field(min_length=1)
    title_keywords: list[str] = Field(default_factory=lambda: ["整改"])
    max_list_pages: int = Field(default=5, ge=1)


class CrawlSettings(BaseModel):
    """Politeness and robustness of the crawler; every key optional."""

    model_config = ConfigDict(extra="forbid")

    user_agent: str = "notices-warehouse/0.1 (+data warehouse of rectification notices; polite crawler)"
    min_delay_seconds: float = Field(default=1.0, ge=0)
    timeout_seconds: float = Field(default=20.0, gt=0)
    retries: int = Field(default=3, ge=0)
    backoff_seconds: float = Field(default=2.0, ge=0)


class SourcesConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    crawl: CrawlSettings = Field(default_factory=CrawlSettings)
    sources: list[WebSource] = Field(default_factory=list)
    local_dirs: list[str] = Field(default_factory=lambda: ["raw/samples", "raw/inbox"])


def _mark_of(root: yaml.Node | None, location: tuple[str | int, ...]) -> yaml.Mark | None:
    """Where in the file the value at `location` (pydantic's error path) is written."""
    node, mark = root, root.start_mark if root else None
    for part in location:
        if isinstance(node, yaml.MappingNode):
            found = next(((k, v) for k, v in node.value if k.value == part), None)
            if found is None:
                break
            node, mark = found[1], found[0].start_mark
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            mark = node.start_mark
        else:
            break
    return mark


def _at(path: Path, mark: yaml.Mark | None) -> str:
    return f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)


def load_sources(path: Path) -> SourcesConfig:
    """The validated sources file; SourcesError names the file, line and column and what to fix."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SourcesError(
            f"{path}: the sources file does not exist (set NOTICES_SOURCES to an existing file)"
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise SourcesError(f"{path}: cannot read the sources file ({error}); it must be readable UTF-8 YAML") from None
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text) or {}
    except yaml.MarkedYAMLError as error:
        problem = error.problem or error.context or "invalid YAML"
        raise SourcesError(f"{_at(path, error.problem_mark)}: not valid YAML: {problem}") from None
    except yaml.YAMLError as error:
        raise SourcesError(f"{path}: not valid YAML: {str(error).splitlines()[0]}") from None
    if not isinstance(data, dict):
        raise SourcesError(f"{path}:1:1: expected a mapping with keys 'sources', 'local_dirs' and 'crawl'")
    try:
        return SourcesConfig.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        key = ".".join(str(part) for part in first["loc"])
        raise SourcesError(f"{_at(path, _mark_of(root, first['loc']))}: {key}: {first['msg']}") from None
