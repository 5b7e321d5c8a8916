"""Parser accuracy on the labelled corpus (`tests/corpus/*/labels.json`) and the three samples.

Each labelled field of each fixture is one check, scored as
- right:    the parser gives the labelled value (null included);
- missed:   the label has a value, the parser gives null;
- wrong:    both have a value and they differ;
- invented: the label is null (the text does not state it), the parser gives a value.
A wrong or invented value costs more than a missed one (analysts publish what the warehouse says),
so both are listed by name. Labels follow `../shared/LABELLING.md`.

Run: uv run python bench/accuracy.py [--show wrong,invented,missed] [--batch a_county]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "corpus"
SAMPLES = REPO / "raw" / "samples"

from dagster_project.parse import parse_document  # noqa: E402
from dagster_project.parse.model import HEADER_FIELDS as NOTICE_HEADER_FIELDS  # noqa: E402
from dagster_project.parse.model import Notice  # noqa: E402

TARGET_RIGHT_SHARE = 0.98
# The header facts labelled by ../shared/LABELLING.md: the notice's own, but the issuer (not labelled).
HEADER_FIELDS = ("is_rectification_notice", *(field for field in NOTICE_HEADER_FIELDS if field != "issuer"))
CLAIM_FIELDS = (
    "problems",
    "aspects",
    "total",
    "completed",
    "basically_completed",
    "in_progress",
    "not_completed",
    "long_term",
    "completion_rate_pct",
    "measures",
    "rules_made",
)
OUTCOMES = ("right", "missed", "wrong", "invented")


@dataclass(frozen=True)
class Check:
    batch: str
    fixture: str
    field: str
    expected: object
    got: object

    @property
    def outcome(self) -> str:
        if _same(self.expected, self.got):
            return "right"
        if self.got is None:
            return "missed"
        return "invented" if self.expected is None else "wrong"


def _same(expected: object, got: object) -> bool:
    if isinstance(expected, float) or isinstance(got, float):
        return expected is not None and got is not None and abs(float(expected) - float(got)) < 1e-9  # type: ignore[arg-type]
    if isinstance(expected, str) and isinstance(got, str):
        return "".join(expected.split()) == "".join(got.split())
    return expected == got


def notice_facts(notice: Notice) -> dict[str, object]:
    """The parser's answer in the labels' shape: ISO dates, claims flattened, problems counted."""
    dumped = notice.model_dump(mode="json")
    facts: dict[str, object] = {field: dumped[field] for field in HEADER_FIELDS}
    facts.update({f"claims.{field}": dumped["claims"][field] for field in CLAIM_FIELDS})
    facts["issues_count"] = len(notice.issues) if notice.is_rectification_notice else None
    return facts


def label_facts(label: dict[str, object]) -> dict[str, object]:
    facts = {field: label[field] for field in HEADER_FIELDS}
    claims = label.get("claims") or {}
    assert isinstance(claims, dict)
    facts.update({f"claims.{field}": claims.get(field) for field in CLAIM_FIELDS})
    if label.get("issues_count") is not None:  # only fixtures that hold their whole problem list
        facts["issues_count"] = label["issues_count"]
    return facts


def labelled_fixtures(batch: str | None = None) -> list[tuple[str, Path, dict[str, object]]]:
    """(batch, fixture path, label) for every fixture of the corpus, in a stable order."""
    found = []
    for labels_file in sorted(CORPUS.glob("*/labels.json")):
        if batch and labels_file.parent.name != batch:
            continue
        for name, label in sorted(json.loads(labels_file.read_text(encoding="utf-8")).items()):
            found.append((labels_file.parent.name, labels_file.parent / name, label))
    return found


def score(fixtures: list[tuple[str, Path, dict[str, object]]]) -> list[Check]:
    checks = []
    for batch, path, label in fixtures:
        notice = parse_document(path.read_bytes(), path.name)
        got = notice_facts(notice)
        for field, expected in label_facts(label).items():
            checks.append(Check(batch, path.name, field, expected, got[field]))
    return checks


def _table(checks: list[Check], key: str) -> list[str]:
    groups: dict[str, Counter[str]] = {}
    for check in checks:
        groups.setdefault(getattr(check, key), Counter())[check.outcome] += 1
    lines = [f"{key:28} {'checks':>6} {'right':>6} {'missed':>6} {'wrong':>6} {'invented':>8} {'right %':>8}"]
    for name, counts in list(groups.items()) + [("all", Counter(c.outcome for c in checks))]:
        total = sum(counts.values())
        lines.append(
            f"{name:28} {total:6} "
            + " ".join(f"{counts[o]:6}" if o != "invented" else f"{counts[o]:8}" for o in OUTCOMES)
            + f" {100 * counts['right'] / total:7.1f}%"
        )
    return lines


def _class_table(fixtures: list[tuple[str, Path, dict[str, object]]], checks: list[Check]) -> list[str]:
    """Per class tag of the labels: how many fixtures have it and how many of their checks are right."""
    by_fixture: dict[str, list[Check]] = {}
    for check in checks:
        by_fixture.setdefault(f"{check.batch}/{check.fixture}", []).append(check)
    classes: dict[str, list[str]] = {}
    for batch, path, label in fixtures:
        for tag in label.get("classes") or []:  # type: ignore[union-attr]
            classes.setdefault(str(tag), []).append(f"{batch}/{path.name}")
    lines = [f"{'class':34} {'fixtures':>8} {'checks':>6} {'right %':>8}"]
    for tag, names in sorted(classes.items(), key=lambda item: -len(item[1])):
        tagged = [c for name in names for c in by_fixture.get(name, [])]
        right = sum(c.outcome == "right" for c in tagged)
        lines.append(f"{tag:34} {len(names):8} {len(tagged):6} {100 * right / max(1, len(tagged)):7.1f}%")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", default="wrong,invented", help="outcomes to list one by one (comma-separated)")
    parser.add_argument("--batch", help="only this corpus folder")
    parser.add_argument("--by-class", action="store_true", help="also a table per layout/wording class")
    args = parser.parse_args()
    fixtures = labelled_fixtures(args.batch)
    checks = score(fixtures)
    sample_checks = score(sample_fixtures())
    notices = sum(1 for _, _, label in fixtures if label["is_rectification_notice"])
    sites = len({label.get("site") for _, _, label in fixtures})
    print(
        f"corpus: {len(fixtures)} fixtures ({notices} notices, {len(fixtures) - notices} negatives) "
        f"modelled on {sites} sites\n"
    )
    print("\n".join(_table(checks, "field")))
    print()
    print("\n".join(_table(checks, "batch")))
    if args.by_class:
        print()
        print("\n".join(_class_table(fixtures, checks)))
    print("\nthe three samples:")
    print("\n".join(_table(sample_checks, "field")[-1:]))
    shown = set(args.show.split(",")) if args.show else set()
    for check in checks + sample_checks:
        if check.outcome in shown:
            print(
                f"{check.outcome:8} {check.batch}/{check.fixture} {check.field}: "
                f"expected {check.expected!r}, got {check.got!r}"
            )
    counts = Counter(c.outcome for c in checks)
    share = counts["right"] / max(1, len(checks))
    sample_ok = all(c.outcome == "right" for c in sample_checks)
    print(
        f"\nright {100 * share:.1f}% (target {100 * TARGET_RIGHT_SHARE:.0f}%), invented {counts['invented']} "
        f"(target 0), samples {'all right' if sample_ok else 'NOT all right'}"
    )
    return 0 if share >= TARGET_RIGHT_SHARE and counts["invented"] == 0 and sample_ok else 1


def sample_fixtures() -> list[tuple[str, Path, dict[str, object]]]:
    labels = json.loads((CORPUS / "samples.json").read_text(encoding="utf-8"))
    return [("samples", SAMPLES / name, label) for name, label in sorted(labels.items())]


if __name__ == "__main__":
    sys.exit(main())
