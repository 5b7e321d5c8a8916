
-- Fixture for int_listed_counts
select cast(null as character varying(256)) as "notice_id", cast(null as BIGINT) as "listed_problems", cast(null as BIGINT) as "listed_with_status", cast(null as BIGINT) as "completed", cast(null as BIGINT) as "basically_completed", cast(null as BIGINT) as "in_progress", cast(null as BIGINT) as "not_completed", cast(null as BIGINT) as "long_term"
    limit 0