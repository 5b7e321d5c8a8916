
-- Fixture for stg_raw__categories
select cast(null as character varying(256)) as "notice_id", cast(null as INTEGER) as "category_index", cast(null as character varying(256)) as "category_title"
    limit 0