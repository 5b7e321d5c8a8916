"""The labelled corpus of real notice shapes (tests/corpus/): accuracy, nothing invented, every fact quoted.

The fixtures are written after real pages of about 200 sites (see tests/corpus/BRIEF.md); labels
follow ../shared/LABELLING.md. `bench/accuracy.py` prints the per-field table; these tests hold the
line it reports.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import cn2an
import pytest

from dagster_project.parse import Notice, parse_document
from dagster_project.parse.clean import normalise_width
from dagster_project.parse.script import to_simplified

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from accuracy import TARGET_RIGHT_SHARE, Check, labelled_fixtures, sample_fixtures, score  # noqa: E402

FIXTURES = labelled_fixtures()
SAMPLES = sample_fixtures()


@pytest.fixture(scope="module")
def corpus_checks() -> list[Check]:
    return score(FIXTURES)


def test_the_corpus_is_large_and_varied() -> None:
    notices = [label for _, _, label in FIXTURES if label["is_rectification_notice"]]
    negatives = [label for _, _, label in FIXTURES if not label["is_rectification_notice"]]
    sites = {label["site"] for _, _, label in FIXTURES}
    assert len(notices) >= 150 and len(negatives) >= 30 and len(sites) >= 100


def test_accuracy_on_the_corpus_and_nothing_invented(corpus_checks: list[Check]) -> None:
    outcomes = [check.outcome for check in corpus_checks]
    invented = [c for c in corpus_checks if c.outcome == "invented"]
    assert not invented, [f"{c.fixture} {c.field}: {c.got!r}" for c in invented]
    assert outcomes.count("right") / len(outcomes) >= TARGET_RIGHT_SHARE


def test_detection_is_right_on_every_fixture(corpus_checks: list[Check]) -> None:
    wrong = [c.fixture for c in corpus_checks if c.field == "is_rectification_notice" and c.outcome != "right"]
    assert wrong == []


def test_the_samples_stay_fully_right() -> None:
    assert [c for c in score(SAMPLES) if c.outcome != "right"] == []


def test_scoring_tells_the_four_outcomes_apart() -> None:
    assert Check("b", "f", "claims.completed", 26, 26).outcome == "right"
    assert Check("b", "f", "claims.completed", None, None).outcome == "right"
    assert Check("b", "f", "claims.completed", 26, None).outcome == "missed"
    assert Check("b", "f", "claims.completed", 26, 25).outcome == "wrong"
    assert Check("b", "f", "claims.completed", None, 24).outcome == "invented"
    assert Check("b", "f", "claims.completion_rate_pct", 89.65, 89.65).outcome == "right"


def _reading(text: str) -> str:
    return to_simplified(normalise_width(text))


def _written_forms(value: object) -> list[str]:
    """How a value may be written inside its evidence: 26 / 二十六; a date's day; a string itself."""
    if isinstance(value, bool):
        return []
    if isinstance(value, int):
        return [str(value), cn2an.an2cn(value)]
    if isinstance(value, float):
        return [f"{value:g}", str(value)]
    if isinstance(value, date):
        return [str(value.day), cn2an.an2cn(value.day)]
    return ["".join(str(value).split())]


def assert_every_fact_quoted(notice: Notice) -> None:
    facts = {
        **notice.model_dump(include=set(notice.evidence) & set(Notice.model_fields)),
        **{f"claims.{k}": v for k, v in notice.claims.model_dump().items()},
    }
    for field, value in facts.items():
        if value is None or field in ("is_rectification_notice",):
            continue
        assert field in notice.evidence, f"{field} emitted without evidence"
    for field, quote in notice.evidence.items():
        assert notice.text[quote.start : quote.end] == quote.text, field
        base, _, sub = field.partition(".")
        value = getattr(notice.claims, sub) if base == "claims" else getattr(notice, base)
        if field.endswith(("total_unit", "completion_rate_written")) or base == "inspection_kind":
            continue
        inside = "".join(_reading(quote.text).split())
        forms = _written_forms(value)
        if field == "claims.completed" and value == notice.claims.total:
            forms += ["全部", "均已"]  # 已全部完成整改: all of the total, which its own evidence quotes
        assert any(form in inside for form in map(_reading, forms)), (field, value, quote.text)


@pytest.mark.parametrize("fixture", [path for _, path, _ in FIXTURES + SAMPLES], ids=lambda p: p.name)
def test_every_emitted_fact_has_evidence_in_the_text(fixture: Path) -> None:
    assert_every_fact_quoted(parse_document(fixture.read_bytes(), fixture.name))
