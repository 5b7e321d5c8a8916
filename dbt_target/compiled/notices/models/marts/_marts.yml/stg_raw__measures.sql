
-- Fixture for stg_raw__measures
select cast(null as character varying(256)) as "notice_id", cast(null as INTEGER) as "issue_seq", cast(null as INTEGER) as "measure_seq", cast(null as character varying(256)) as "measure_text"
    limit 0