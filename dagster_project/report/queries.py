"""The report's SQL: one query per page section, each over every notice at once (pages are grouped
in Python), so the report costs a fixed number of queries however many notices there are.

Nulls are kept as nulls: the templates show them as "not stated", the charts as a "not stated" bar.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import duckdb

Row = dict[str, Any]

# The year a notice belongs to: the date under its signature, else the page's publication date.
# Inspection dates are when it was inspected, not when it reported; as_of_date is often absent.
NOTICE_YEAR = "extract(year FROM coalesce(n.signed_date, n.published_date))"

# --- every page -------------------------------------------------------------------------------

BUILD_INFO = "SELECT built_at FROM meta.build_info"


def built_at(connection: duckdb.DuckDBPyConnection) -> datetime | None:
    """When the warehouse was built; None for a file without meta.build_info."""
    found = rows(connection, BUILD_INFO)
    return found[0]["built_at"] if found else None


NOTICE_COUNT = "SELECT count(*) AS notices FROM marts.dim_notice"

STATUS_LABELS = "SELECT status, label_zh FROM seeds.statuses ORDER BY sort_order"

# --- overview (index.html) ---------------------------------------------------------------------

NOTICES_BY_PROVINCE_YEAR_KIND = f"""
SELECT
    o.province,
    {NOTICE_YEAR} AS notice_year,
    n.inspection_kind,
    count(*) AS notices
FROM marts.dim_notice AS n
LEFT JOIN marts.dim_organization AS o USING (organization_id)
GROUP BY ALL
ORDER BY o.province NULLS LAST, notice_year NULLS LAST, n.inspection_kind NULLS LAST
"""

# The rate as the notice writes it; when it writes none but claims both counts, the rate those
# counts give (labelled as computed, so the reader knows the notice did not write it).
CLAIMED_COMPLETION_RATES = """
SELECT
    notice_id,
    title,
    coalesce(completion_rate_pct, round(claimed_completed * 100.0 / claimed_total, 2)) AS rate_pct,
    CASE
        WHEN completion_rate_pct IS NOT NULL THEN 'written by the notice'
        ELSE 'computed from its claimed counts'
    END AS rate_source,
    claimed_completed,
    claimed_total,
    total_unit
FROM marts.rpt_notice_progress
WHERE completion_rate_pct IS NOT NULL OR (claimed_completed IS NOT NULL AND claimed_total > 0)
ORDER BY rate_pct
"""

RECONCILIATION_OVERVIEW = """
SELECT
    count(DISTINCT notice_id) AS notices_checked,
    count(DISTINCT notice_id) FILTER (WHERE NOT is_consistent) AS notices_disagreeing,
    (SELECT count(*) FROM marts.dim_notice) AS notices
FROM marts.fct_reconciliation
"""

RECONCILIATION_BY_CHECK = """
SELECT
    check_name,
    count(*) AS notices_checked,
    count(*) FILTER (WHERE NOT is_consistent) AS notices_disagreeing,
    -- Counts differ by whole problems; the completion rate (no count difference) by percentage points.
    sum(abs(difference)) FILTER (WHERE NOT is_consistent) AS total_count_difference,
    max(abs(computed_value - claimed_value)) FILTER (WHERE NOT is_consistent) AS largest_gap
FROM marts.fct_reconciliation
GROUP BY check_name
ORDER BY notices_disagreeing DESC, check_name
"""

NOTICE_LIST = f"""
SELECT
    n.notice_id,
    n.title,
    n.issuer,
    n.organization_id,
    o.province,
    n.inspection_kind,
    {NOTICE_YEAR} AS notice_year,
    p.inconsistent_checks
FROM marts.dim_notice AS n
LEFT JOIN marts.dim_organization AS o USING (organization_id)
LEFT JOIN marts.rpt_notice_progress AS p USING (notice_id)
ORDER BY o.province NULLS LAST, n.issuer NULLS LAST, notice_year NULLS LAST, n.notice_id
"""

# --- discrepancies.html ------------------------------------------------------------------------

# Each notice's stored file (the first, when the same notice came in several documents).
STORED_FILES = """WITH documents AS (
    SELECT notice_id, min(stored_path) AS stored_path
    FROM marts.fct_document
    WHERE notice_id IS NOT NULL
    GROUP BY notice_id
)
"""

# Each disagreeing check with the sentence its claimed number was read from: the headline claim's
# evidence (fct_claim, per status), else the fact's evidence (fct_evidence): the problem count is
# `claims.problems`, or `claims.total` when the notice gives its problems only as the total.
DISCREPANCIES = f"""
{STORED_FILES},
-- The facts claims are read from: the joins below hash these rows only, not every fact's evidence
-- (which did not fit in the report's memory at 100,000 notices).
claim_evidence AS (
    SELECT notice_id, fact_name, evidence_text
    FROM marts.fct_evidence
    WHERE fact_name LIKE 'claims.%'
)
SELECT
    r.notice_id,
    n.title,
    n.issuer,
    n.source_url,
    d.stored_path,
    r.check_name,
    r.claimed_count,
    r.listed_count,
    r.difference,
    r.claimed_value,
    r.computed_value,
    coalesce(c.evidence_text, fact.evidence_text, total.evidence_text) AS evidence_text
FROM marts.fct_reconciliation AS r
INNER JOIN marts.dim_notice AS n USING (notice_id)
LEFT JOIN documents AS d USING (notice_id)
LEFT JOIN marts.fct_claim AS c
    ON c.notice_id = r.notice_id AND c.claim_scope = 'main' AND c.status = r.check_name
LEFT JOIN claim_evidence AS fact
    ON fact.notice_id = r.notice_id
    AND fact.fact_name = CASE r.check_name
        WHEN 'problems' THEN 'claims.problems'
        WHEN 'completion_rate' THEN 'claims.completion_rate_pct'
        ELSE 'claims.' || r.check_name
    END
-- A condition on r alone (r.check_name = 'problems') in this ON clause made DuckDB compare every
-- check with every evidence row (a nested-loop join: 18 s at 100,000 notices); as part of the
-- key it is a hash join, and a check other than 'problems' matches no fact name (NULL).
LEFT JOIN claim_evidence AS total
    ON total.notice_id = r.notice_id
    AND total.fact_name = CASE WHEN r.check_name = 'problems' THEN 'claims.total' END
WHERE NOT r.is_consistent
"""


def discrepancies(connection: duckdb.DuckDBPyConnection) -> list[Row]:
    """The rows of DISCREPANCIES by issuer (nulls last), notice and check. Sorted here, not by an
    ORDER BY: at 100,000 notices DuckDB's sort of the joined rows needed more than the report's
    512 MB, while the rows themselves are 190,000 (Python's string order is DuckDB's: UTF-8 bytes
    sort as code points)."""
    return sorted(
        rows(connection, DISCREPANCIES),
        key=lambda row: (row["issuer"] is None, row["issuer"] or "", row["notice_id"], row["check_name"]),
    )


# --- topics.html -------------------------------------------------------------------------------

TOPICS_BY_YEAR = f"""
SELECT
    {NOTICE_YEAR} AS notice_year,
    t.topic_id,
    t.topic_name_zh,
    t.topic_name_en,
    count(*) AS problems,
    count(DISTINCT i.notice_id) AS notices
FROM marts.fct_issue AS i
INNER JOIN marts.dim_notice AS n USING (notice_id)
INNER JOIN marts.dim_topic AS t USING (topic_id)
GROUP BY ALL
ORDER BY notice_year NULLS LAST, problems DESC, t.topic_id
"""

# --- quality.html, and each notice's findings --------------------------------------------------

FINDINGS = """
SELECT notice_id, title, suite, severity, finding
FROM quality.notice_findings
ORDER BY title NULLS LAST, notice_id, suite, finding
"""

PARSER_WARNINGS = """
SELECT notice_id, warning_seq, warning_message
FROM marts.fct_parser_warning
WHERE {only}
ORDER BY notice_id, warning_seq
"""

# --- one page per notice -----------------------------------------------------------------------

NOTICE_HEADERS = f"""
{STORED_FILES}
SELECT
    n.notice_id,
    n.title,
    n.issuer,
    n.organization_id,
    o.province,
    o.city,
    n.inspection_kind,
    n.inspector,
    n.inspection_start,
    n.inspection_end,
    n.feedback_date,
    n.as_of_date,
    n.signed_date,
    n.published_date,
    {NOTICE_YEAR} AS notice_year,
    n.source_url,
    n.source_name,
    d.stored_path
FROM marts.dim_notice AS n
LEFT JOIN marts.dim_organization AS o USING (organization_id)
LEFT JOIN documents AS d USING (notice_id)
"""

# The per-notice queries (evidence … warnings, `PER_NOTICE`) are ordered by notice_id first: the
# report reads them side by side, one notice at a time (`RowsByNotice`), instead of holding all
# their rows (1.6 GB at 10,000 notices). `{only}` is where `per_notice_sql` limits them to the
# notices whose pages are rendered (`RENDERED_NOTICES`).

NOTICE_EVIDENCE = """
SELECT notice_id, fact_name, evidence_text
FROM marts.fct_evidence
WHERE {only}
ORDER BY notice_id
"""

NOTICE_CLAIMS = """
SELECT
    c.notice_id,
    c.claim_scope,
    c.status,
    s.label_zh AS status_label,
    c.claimed_count,
    c.claimed_total,
    c.total_unit,
    c.claimed_problems,
    c.evidence_text
FROM marts.fct_claim AS c
LEFT JOIN seeds.statuses AS s USING (status)
WHERE {only}
ORDER BY c.notice_id, c.claim_scope = 'main' DESC, c.claim_scope, s.sort_order
"""

NOTICE_PROGRESS = """
SELECT notice_id, completion_rate_pct, listed_problems, inconsistent_checks
FROM marts.rpt_notice_progress
WHERE {only}
ORDER BY notice_id
"""

NOTICE_RECONCILIATION = """
SELECT notice_id, check_name, claimed_count, listed_count, difference, claimed_value, computed_value, is_consistent
FROM marts.fct_reconciliation
WHERE {only}
ORDER BY notice_id, check_name
"""

NOTICE_ISSUES = """
SELECT
    i.notice_id,
    i.issue_key,
    i.issue_seq,
    i.category_index,
    i.category_title,
    i.title,
    i.responsible_unit,
    i.status,
    s.label_zh AS status_label,
    t.topic_name_zh,
    i.text
FROM marts.fct_issue AS i
LEFT JOIN seeds.statuses AS s USING (status)
LEFT JOIN marts.dim_topic AS t USING (topic_id)
WHERE {only}
ORDER BY i.notice_id, i.issue_seq
"""

NOTICE_MEASURES = """
SELECT notice_id, issue_key, measure_seq, text
FROM marts.fct_measure
WHERE {only}
ORDER BY notice_id, issue_key, measure_seq
"""

# --- one page per organisation -----------------------------------------------------------------

ORGANIZATIONS = """
SELECT organization_id, organization_name, issuer_name, province, city, district, organization_type
FROM marts.dim_organization
ORDER BY province NULLS LAST, organization_name
"""

ORGANIZATION_NOTICES = f"""
SELECT
    n.organization_id,
    n.notice_id,
    n.title,
    n.inspection_kind,
    n.inspector,
    n.feedback_date,
    n.signed_date,
    n.published_date,
    {NOTICE_YEAR} AS notice_year,
    p.claimed_completed,
    p.claimed_total,
    p.total_unit,
    p.completion_rate_pct,
    p.inconsistent_checks
FROM marts.dim_notice AS n
LEFT JOIN marts.rpt_notice_progress AS p USING (notice_id)
WHERE n.organization_id IS NOT NULL
ORDER BY n.organization_id, coalesce(n.signed_date, n.published_date, n.feedback_date) NULLS LAST, n.notice_id
"""


# Each per-notice query by the part of the page it fills, with the notice_id column it filters on.
PER_NOTICE = {
    "evidence": (NOTICE_EVIDENCE, "notice_id"),
    "claims": (NOTICE_CLAIMS, "c.notice_id"),
    "progress": (NOTICE_PROGRESS, "notice_id"),
    "checks": (NOTICE_RECONCILIATION, "notice_id"),
    "issues": (NOTICE_ISSUES, "i.notice_id"),
    "measures": (NOTICE_MEASURES, "notice_id"),
    "warnings": (PARSER_WARNINGS, "notice_id"),
}
# The relation (one column, notice_id) the build registers with the ids of the pages it renders.
RENDERED_NOTICES = "report_rendered_notices"


def per_notice_sql(part: str, rendered_only: bool) -> str:
    """A per-notice query over the notices in RENDERED_NOTICES, in its order (for `RowsByNotice`),
    or over every notice and unordered (for `notice_digests`: sorting every notice's texts was
    most of the report's memory)."""
    sql, column = PER_NOTICE[part]
    if rendered_only:
        return sql.format(only=f"{column} IN (SELECT notice_id FROM {RENDERED_NOTICES})")
    unordered, _, _ = sql.rpartition("\nORDER BY ")  # each query ends in its one ORDER BY
    return unordered.format(only="true")


def notice_digests(connection: duckdb.DuckDBPyConnection, sql: str) -> dict[str, str]:
    """notice_id → a digest of that notice's rows of the query, computed in DuckDB: the sum of the
    rows' hashes and their count. It does not depend on the rows' order, which the query's
    ORDER BY (part of this package's code digest) fixes; DuckDB's memory stays one number per
    notice, and no row is fetched into Python.

    A row is hashed as the struct it is (every field's value and null-ness), not as its text:
    casting every row to VARCHAR first took 3-4 times as long (1.7-2.0 s against 0.5-0.6 s for
    the seven queries at 10,000 notices)."""
    return {
        notice_id: f"{total}/{count}"
        for notice_id, total, count in connection.execute(
            f"SELECT notice_id, sum(hash(r)), count(*) FROM ({sql}) AS r GROUP BY notice_id"
        ).fetchall()
    }


def rows(connection: duckdb.DuckDBPyConnection, sql: str) -> list[Row]:
    """The query's rows as dicts keyed by column name."""
    result = connection.execute(sql)
    names = [column[0] for column in result.description]
    return [dict(zip(names, values)) for values in result.fetchall()]


# Rows fetched from DuckDB at a time by `RowsByNotice`.
FETCH_ROWS = 2048


class RowsByNotice:
    """A query ordered by notice_id, read in batches and handed out one notice at a time.

    Notice ids are lowercase hex, so Python's string order is DuckDB's. Each reader has its own
    cursor, so several stream side by side from one connection."""

    def __init__(
        self, connection: duckdb.DuckDBPyConnection, sql: str, relations: Mapping[str, object] | None = None
    ) -> None:
        self._cursor = connection.cursor()
        for name, relation in (relations or {}).items():  # a cursor sees only what is registered on it
            self._cursor.register(name, relation)
        self._cursor.execute(sql)
        self._names = [column[0] for column in self._cursor.description or []]
        self._key = self._names.index("notice_id")
        self._batch: list[tuple[Any, ...]] = []
        self._next = 0

    def rows_of(self, notice_id: str) -> list[Row]:
        """The rows of this notice; call with ascending ids (rows of ids skipped are dropped)."""
        found: list[Row] = []
        while True:
            if self._next == len(self._batch):
                self._batch, self._next = self._cursor.fetchmany(FETCH_ROWS), 0
                if not self._batch:
                    return found
            row = self._batch[self._next]
            if row[self._key] > notice_id:
                return found
            if row[self._key] == notice_id:
                found.append(dict(zip(self._names, row)))
            self._next += 1

    def close(self) -> None:
        self._cursor.close()


def grouped(items: list[Row], key: str) -> dict[Any, list[Row]]:
    """Rows by one column's value, each group in the query's order."""
    groups: dict[Any, list[Row]] = defaultdict(list)
    for item in items:
        groups[item[key]].append(item)
    return groups
