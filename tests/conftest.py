from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "raw" / "samples"


@pytest.fixture(scope="session")
def sample_text() -> dict[str, str]:
    """The three real sample notices by their number: '000', '001', '003'."""
    return {path.name[:3]: path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt"))}
