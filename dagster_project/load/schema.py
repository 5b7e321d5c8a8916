"""DDL of the `raw` schema: the contract between the Python stages and dbt's `sources.yml`.

Grain of each table:
- raw.fetch_log   one row per HTTP fetch attempt of the scraper (failures included)
- raw.documents   one row per stored document (distinct bytes, key `document_id` = sha256),
                  with the outcome of parsing it with `parser_version`
- raw.notices     one row per notice (key `notice_id`, the hash of the normalised body)
- raw.claims      one row per notice × claim scope (`main` for the headline summary)
- raw.categories  one row per notice × problem category
- raw.issues      one row per notice × feedback problem
- raw.measures    one row per notice × problem × measure
- raw.warnings    one row per notice × parser warning
- raw.notice_texts one row per notice: its cleaned text, which evidence offsets refer to
- raw.evidence    one row per notice × emitted field: the sentence it was read from, with offsets
"""

from __future__ import annotations

RAW_SCHEMA = "raw"

TABLES: dict[str, str] = {
    "fetch_log": """
        fetch_id VARCHAR NOT NULL,
        source VARCHAR NOT NULL,
        url VARCHAR NOT NULL,
        final_url VARCHAR,
        kind VARCHAR NOT NULL,
        http_status INTEGER,
        fetched_at TIMESTAMP NOT NULL,
        sha256 VARCHAR,
        encoding VARCHAR,
        content_type VARCHAR,
        stored_path VARCHAR,
        outcome VARCHAR NOT NULL,
        error VARCHAR
    """,
    "documents": """
        document_id VARCHAR NOT NULL,
        source VARCHAR NOT NULL,
        url VARCHAR,
        stored_path VARCHAR NOT NULL,
        content_type VARCHAR NOT NULL,
        size_bytes BIGINT NOT NULL,
        first_seen_at TIMESTAMP NOT NULL,
        parser_version VARCHAR NOT NULL,
        parsed_at TIMESTAMP NOT NULL,
        parse_status VARCHAR NOT NULL,
        parse_error VARCHAR,
        notice_id VARCHAR
    """,
    "notices": """
        notice_id VARCHAR NOT NULL,
        document_id VARCHAR NOT NULL,
        source VARCHAR NOT NULL,
        source_url VARCHAR,
        parser_version VARCHAR NOT NULL,
        title VARCHAR,
        issuer VARCHAR,
        inspection_kind VARCHAR,
        inspector VARCHAR,
        inspection_start DATE,
        inspection_end DATE,
        feedback_date DATE,
        as_of_date DATE,
        signed_date DATE,
        published_date DATE,
        is_rectification_notice BOOLEAN NOT NULL
    """,
    "claims": """
        notice_id VARCHAR NOT NULL,
        scope VARCHAR NOT NULL,
        total INTEGER,
        total_unit VARCHAR,
        problems INTEGER,
        aspects INTEGER,
        completed INTEGER,
        basically_completed INTEGER,
        in_progress INTEGER,
        not_completed INTEGER,
        long_term INTEGER,
        completion_rate_pct DOUBLE,
        completion_rate_written VARCHAR,
        measures INTEGER,
        rules_made INTEGER
    """,
    "categories": """
        notice_id VARCHAR NOT NULL,
        category_index INTEGER NOT NULL,
        title VARCHAR NOT NULL
    """,
    "issues": """
        notice_id VARCHAR NOT NULL,
        issue_seq INTEGER NOT NULL,
        category_index INTEGER,
        title VARCHAR NOT NULL,
        status VARCHAR,
        text VARCHAR NOT NULL,
        responsible_unit VARCHAR
    """,
    "measures": """
        notice_id VARCHAR NOT NULL,
        issue_seq INTEGER NOT NULL,
        measure_seq INTEGER NOT NULL,
        text VARCHAR NOT NULL
    """,
    "warnings": """
        notice_id VARCHAR NOT NULL,
        warning_seq INTEGER NOT NULL,
        message VARCHAR NOT NULL
    """,
    "notice_texts": """
        notice_id VARCHAR NOT NULL,
        notice_text VARCHAR NOT NULL,
        detection VARCHAR
    """,
    "evidence": """
        notice_id VARCHAR NOT NULL,
        field VARCHAR NOT NULL,
        evidence_text VARCHAR NOT NULL,
        start_offset INTEGER NOT NULL,
        end_offset INTEGER NOT NULL
    """,
}
