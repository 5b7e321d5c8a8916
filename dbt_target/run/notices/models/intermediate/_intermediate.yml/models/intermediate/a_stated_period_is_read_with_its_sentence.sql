
    -- Build actual result given inputs
with dbt_internal_unit_test_actual as (
  select
    "notice_id","stated_period_text","stated_months", 'actual' as "actual_or_expected"
  from (
    
-- depends_on: __dbt__cte__stg_raw__documents
-- Per notice and incremental: a night reads only the texts of the notices it loaded. Inside
-- fct_inspection, a table rebuilt every night, every notice's text was searched every night.
with  __dbt__cte__stg_raw__documents as (

-- Fixture for stg_raw__documents
select cast(null as character varying(256)) as "document_id", cast(null as character varying(256)) as "document_source", cast(null as character varying(256)) as "source_url", cast(null as character varying(256)) as "stored_path", cast(null as character varying(256)) as "content_type", cast(null as BIGINT) as "size_bytes", cast(null as TIMESTAMP) as "first_seen_at", cast(null as TIMESTAMP) as "parsed_at", cast(null as character varying(256)) as "parser_version", cast(null as character varying(256)) as "parse_status", cast(null as character varying(256)) as "parse_error", cast(null as character varying(256)) as "notice_id"
    limit 0
),  __dbt__cte__dim_notice as (

-- Fixture for dim_notice
select 
    
    cast('a' as character varying)
 as "notice_id", cast(null as character varying(256)) as "title", cast(null as character varying(256)) as "issuer", cast(null as character varying(256)) as "inspection_kind", cast(null as character varying(256)) as "inspector", cast(null as DATE) as "inspection_start", cast(null as DATE) as "inspection_end", cast(null as DATE) as "feedback_date", cast(null as DATE) as "as_of_date", cast(null as DATE) as "signed_date", cast(null as DATE) as "published_date", cast(null as character varying(256)) as "source_url", cast(null as character varying(256)) as "source_name", cast(null as character varying(256)) as "organization_id", cast(null as character varying(256)) as "inspection_id", 
    
    cast('反馈意见后。按照要求，在为期两个月集中整改期内完成整改。下一步继续推进。' as character varying)
 as "notice_text", cast(null as character varying(256)) as "detection_reasons"
union all
select 
    
    cast('b' as character varying)
 as "notice_id", cast(null as character varying(256)) as "title", cast(null as character varying(256)) as "issuer", cast(null as character varying(256)) as "inspection_kind", cast(null as character varying(256)) as "inspector", cast(null as DATE) as "inspection_start", cast(null as DATE) as "inspection_end", cast(null as DATE) as "feedback_date", cast(null as DATE) as "as_of_date", cast(null as DATE) as "signed_date", cast(null as DATE) as "published_date", cast(null as character varying(256)) as "source_url", cast(null as character varying(256)) as "source_name", cast(null as character varying(256)) as "organization_id", cast(null as character varying(256)) as "inspection_id", 
    
    cast('集中整改期为3个月；现将情况通报如下' as character varying)
 as "notice_text", cast(null as character varying(256)) as "detection_reasons"
union all
select 
    
    cast('c' as character varying)
 as "notice_id", cast(null as character varying(256)) as "title", cast(null as character varying(256)) as "issuer", cast(null as character varying(256)) as "inspection_kind", cast(null as character varying(256)) as "inspector", cast(null as DATE) as "inspection_start", cast(null as DATE) as "inspection_end", cast(null as DATE) as "feedback_date", cast(null as DATE) as "as_of_date", cast(null as DATE) as "signed_date", cast(null as DATE) as "published_date", cast(null as character varying(256)) as "source_url", cast(null as character varying(256)) as "source_name", cast(null as character varying(256)) as "organization_id", cast(null as character varying(256)) as "inspection_id", 
    
    cast('集中整改工作已完成。' as character varying)
 as "notice_text", cast(null as character varying(256)) as "detection_reasons"
), notices as (
    select
        notice_id,
        notice_text
    from __dbt__cte__dim_notice
    where true
),

stated_periods as (
    -- A period the notice states itself (三个月集中整改期, 集中整改期为2个月), with its sentence.
    -- Both patterns hold the phrase: a plain substring test spares the regexes every other text.
    select
        notice_id,
        nullif(regexp_extract(
            notice_text,
            '[^。；！\n]*(?:[0-9一二两三四五六]+个月的?集中整改期|集中整改期[为是]?[0-9一二两三四五六]+个月)[^。；！\n]*'
        ), '') as stated_period_text,
        coalesce(
            nullif(regexp_extract(notice_text, '([0-9一二两三四五六]+)个月的?集中整改期', 1), ''),
            nullif(regexp_extract(notice_text, '集中整改期[为是]?([0-9一二两三四五六]+)个月', 1), '')
        ) as months_written
    from notices
    where contains(notice_text, '集中整改期')
)

select
    notices.notice_id,
    stated_periods.stated_period_text,
    case
        when stated_periods.stated_period_text is null then null
        when stated_periods.months_written = '一' then 1
        when stated_periods.months_written in ('二', '两') then 2
        when stated_periods.months_written = '三' then 3
        when stated_periods.months_written = '四' then 4
        when stated_periods.months_written = '五' then 5
        when stated_periods.months_written = '六' then 6
        else try_cast(stated_periods.months_written as integer)
    end as stated_months
from notices
left join stated_periods on notices.notice_id = stated_periods.notice_id
  ) _dbt_internal_unit_test_actual
),
-- Build expected result
dbt_internal_unit_test_expected as (
  select
    "notice_id", "stated_period_text", "stated_months", 'expected' as "actual_or_expected"
  from (
    select 
    
    cast('a' as character varying)
 as "notice_id", 
    
    cast('按照要求，在为期两个月集中整改期内完成整改' as character varying)
 as "stated_period_text", 
    
    cast(2 as INTEGER)
 as "stated_months"
union all
select 
    
    cast('b' as character varying)
 as "notice_id", 
    
    cast('集中整改期为3个月' as character varying)
 as "stated_period_text", 
    
    cast(3 as INTEGER)
 as "stated_months"
union all
select 
    
    cast('c' as character varying)
 as "notice_id", 
    
    cast(null as character varying(256))
 as "stated_period_text", 
    
    cast(null as INTEGER)
 as "stated_months"
  ) _dbt_internal_unit_test_expected
)
-- Union actual and expected results
select * from dbt_internal_unit_test_actual
union all
select * from dbt_internal_unit_test_expected