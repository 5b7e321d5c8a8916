"""The published warehouse opens in the DuckDB that BI clients ship (1.4 LTS, 1.5), read-only,
directly and through SQLAlchemy + duckdb-engine (what Superset and Metabase's Python side use).

Each reader runs in its own virtual environment, made once with uv and reused from the cache
folder, so the test talks to the real older engine rather than to the one the project pins.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

READER_CACHE = Path.home() / ".cache" / "notices-warehouse" / "readers"
# The current 1.4 LTS release and the first of 1.5: both must open what 1.5.5 writes. (1.4.0 itself
# opens the file too, but duckdb-engine fails on it: "unhashable type DuckDBPyType", fixed in 1.4.1.)
READER_VERSIONS = ("1.4.5", "1.5.0")

READER_SCRIPT = r"""
import json, sys
import duckdb, sqlalchemy
path = sys.argv[1]
with duckdb.connect(path, read_only=True) as connection:
    relations = connection.execute(
        "select table_schema || '.' || table_name, table_type from information_schema.tables "
        "where table_schema in ('marts', 'staging', 'meta') order by 1").fetchall()
    counts = {name: connection.execute(f"select count(*) from {name}").fetchone()[0] for name, _ in relations}
    version = connection.execute("select version()").fetchone()[0]
engine = sqlalchemy.create_engine(f"duckdb:///{path}", connect_args={"read_only": True})
with engine.connect() as connection:
    notices = connection.execute(sqlalchemy.text("select count(*) from marts.dim_notice")).scalar()
    marts = sorted(sqlalchemy.inspect(connection).get_table_names(schema="marts"))
print(json.dumps({"version": version, "relations": relations, "counts": counts,
                  "sqlalchemy_notices": notices, "sqlalchemy_marts": marts}))
"""


def _reader_python(version: str) -> Path:
    env_dir = READER_CACHE / f"duckdb-{version}"
    python = env_dir / "bin" / "python"
    if not python.exists():
        uv = shutil.which("uv")
        if uv is None:
            pytest.fail("uv is needed to make the older readers' environments")
        subprocess.run([uv, "venv", "--quiet", "--python", sys.executable, str(env_dir)], check=True)
        subprocess.run(
            [
                uv,
                "pip",
                "install",
                "--quiet",
                "--python",
                str(python),
                f"duckdb=={version}",
                "duckdb-engine>=0.13",
                "sqlalchemy>=2",
            ],
            check=True,
            timeout=600,
        )
    return python


@pytest.mark.integration
@pytest.mark.parametrize("version", READER_VERSIONS)
def test_published_file_opens_in_older_duckdb(sample_warehouse: Path, version: str) -> None:
    result = subprocess.run(
        [str(_reader_python(version)), "-c", READER_SCRIPT, str(sample_warehouse)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert seen["version"] == f"v{version}"
    with duckdb.connect(str(sample_warehouse), read_only=True) as connection:
        expected = connection.execute(
            "select table_schema || '.' || table_name, table_type from information_schema.tables "
            "where table_schema in ('marts', 'staging', 'meta') order by 1"
        ).fetchall()
    assert [tuple(row) for row in seen["relations"]] == expected
    assert {name for name, kind in expected if kind == "VIEW"}  # every staging view was selected from
    assert seen["counts"]["marts.dim_notice"] == 3 and seen["counts"]["meta.build_info"] == 1
    assert seen["sqlalchemy_notices"] == 3
    assert "fct_reconciliation" in seen["sqlalchemy_marts"]
