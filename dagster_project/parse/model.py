"""The parsed notice: what `notices parse` prints and what the loader writes to `raw.*`.

Counts are kept *as written* in the notice; reconciling them with what the body lists is the
warehouse's job (dbt `fct_reconciliation`) and the data-quality suites' job, never the parser's.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

Status = Literal["completed", "basically_completed", "in_progress", "not_completed", "long_term"]


class Claims(BaseModel):
    """One summary sentence's counts, as written (e.g. 29项具体问题，已完成整改26个…89.65%)."""

    total: int | None = None
    total_unit: str | None = None
    problems: int | None = None
    aspects: int | None = None
    completed: int | None = None
    basically_completed: int | None = None
    in_progress: int | None = None
    not_completed: int | None = None
    long_term: int | None = None
    completion_rate_pct: float | None = None
    # The rate exactly as written ("89.65", "89.70"): its number of decimals is the precision
    # against which completed/total is checked, and a float cannot keep trailing zeros.
    completion_rate_written: str | None = None
    measures: int | None = None
    rules_made: int | None = None

    def is_empty(self) -> bool:
        return all(value is None for value in self.model_dump().values())


class ExtraClaims(Claims):
    """A secondary group's counts: 立行立改, 举一反三/自查自纠 …; `scope` names the group."""

    scope: str


class Category(BaseModel):
    index: int
    title: str


class Measure(BaseModel):
    seq: int
    text: str


class Issue(BaseModel):
    seq: int
    category_index: int | None = None
    title: str
    status: Status | None = None
    text: str = ""
    responsible_unit: str | None = None  # 责任单位 as written, when the notice names one
    measures: list[Measure] = Field(default_factory=list)


class Evidence(BaseModel):
    """Where a fact was read: `text[start:end]` of the notice's cleaned text is `text`."""

    text: str
    start: int
    end: int


# The header facts of a notice, in the order `Notice` declares them: each is emitted only with its
# evidence, and each is a column of raw.notices.
HEADER_FIELDS = (
    "title",
    "issuer",
    "inspection_kind",
    "inspector",
    "inspection_start",
    "inspection_end",
    "feedback_date",
    "as_of_date",
    "signed_date",
    "published_date",
)


class Notice(BaseModel):
    """Every fact of one rectification notice; null where the notice does not say.

    `text` is the notice's cleaned text (invisible characters, markup, glosses and spam lines gone,
    masked 党 restored), in its own script; `evidence` maps every emitted field (`title`,
    `feedback_date`, `claims.completed` …) to the sentence or line it was read from. A field the
    parser cannot point at is not emitted. `detection` lists the signals behind
    `is_rectification_notice`.
    """

    title: str | None = None
    issuer: str | None = None
    inspection_kind: Literal["巡视", "巡察"] | None = None
    inspector: str | None = None
    inspection_start: date | None = None
    inspection_end: date | None = None
    feedback_date: date | None = None
    as_of_date: date | None = None
    signed_date: date | None = None
    published_date: date | None = None
    is_rectification_notice: bool = False
    notice_id: str
    claims: Claims = Field(default_factory=Claims)
    extra_claims: list[ExtraClaims] = Field(default_factory=list)
    categories: list[Category] = Field(default_factory=list)
    issues: list[Issue] = Field(default_factory=list)
    detection: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    text: str = ""
    evidence: dict[str, Evidence] = Field(default_factory=dict)
