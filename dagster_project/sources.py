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


def load_sources(path: Path) -> SourcesConfig:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise SourcesError(f"sources file {path} does not exist") from None
    except yaml.YAMLError as error:
        raise SourcesError(f"sources file {path} is not valid YAML: {str(error).splitlines()[0]}") from None
    if not isinstance(data, dict):
        raise SourcesError(f"sources file {path}: expected a mapping with keys 'sources' and 'local_dirs'")
    try:
        return SourcesConfig.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        key = ".".join(str(part) for part in first["loc"])
        raise SourcesError(f"sources file {path}: {key}: {first['msg']}") from None
