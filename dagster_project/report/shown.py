"""Which build a report shows, and by which report code: read on every night with nothing new, so
this module imports nothing of the report's own (Jinja, DuckDB, the charts).

A night with nothing new still makes the report again when the report shows another build (the
run before died, or its report step failed, after publishing) or was made by other report code.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

# In each set of pages: the build it shows and the report code that made it.
SHOWN_BUILD = ".build.json"
_REPORT_PACKAGE = Path(__file__).parent


def report_code_digest() -> str:
    """A digest of the report's code and templates: pages made by other code are made again."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(_REPORT_PACKAGE.rglob("*")):
        if path.suffix in (".py", ".j2"):
            digest.update(path.relative_to(_REPORT_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _shown(built_at: dt.datetime | None, report_code: str) -> dict[str, str | None]:
    return {"built_at": built_at.isoformat() if built_at else None, "report_code": report_code}


def record_shown_build(site: Path, built_at: dt.datetime | None, report_code: str) -> None:
    """Say in a set of pages which build they show (meta.build_info.built_at) and by which code
    (`report_code_digest`, which the caller has made for the pages' digests already)."""
    (site / SHOWN_BUILD).write_text(json.dumps(_shown(built_at, report_code)), encoding="utf-8")


def report_shows(out_dir: Path, built_at: dt.datetime | None) -> bool:
    """Whether the report at `out_dir` is this report code's, of the build made at `built_at`."""
    try:
        shown = json.loads((out_dir / SHOWN_BUILD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False  # no report, or one made before it said what it shows
    return built_at is not None and shown == _shown(built_at, report_code_digest())
