
    

    create  table
      "notices"."intermediate"."int_stated_periods"
  
    
    as (
      
-- depends_on: "notices"."staging"."stg_raw__documents"
-- Per notice and incremental: a night reads only the texts of the notices it loaded. Inside
-- fct_inspection, a table rebuilt every night, every notice's text was searched every night.
with notices as (
    select
        notice_id,
        notice_text
    from "notices"."marts"."dim_notice"
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
    );
    
  
  