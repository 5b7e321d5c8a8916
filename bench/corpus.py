"""Distinct notices made from the samples: other organisations, years and claimed counts."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ORGS = ["南康", "赣县", "瑞金", "汨罗", "淮安", "昆山", "江宁", "萧山", "顺德", "浏阳", "宜兴", "義乌"]


def sample_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((REPO / "raw" / "samples").glob("*.txt"))]


def variant(text: str, i: int) -> str:
    """Variant i of a sample: organisation, year and claimed count changed, so its notice_id differs."""
    org = ORGS[i % len(ORGS)] + f"{i // len(ORGS)}"
    return (
        text.replace("南康", org)
        .replace("汨罗", org)
        .replace("XX", org)
        .replace("2023", str(2015 + i % 9))
        .replace("26个", f"{20 + i % 9}个")
    )
