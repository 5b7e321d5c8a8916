{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='notice_id',
        post_hook="{{ drop_notices_gone(ref('dim_notice')) }}"
    )
}}
-- depends_on: {{ ref('stg_raw__documents') }}
-- Per notice and incremental: a night reads only the texts of the notices it loaded. Inside
-- fct_inspection, a table rebuilt every night, every notice's text was searched every night.
with notices as (
    select
        notice_id,
        notice_text
    from {{ ref('dim_notice') }}
    where {{ loaded_this_run('notice_id') }}
),

stated_periods as (
    -- A period the notice states itself (三个月集中整改期, 集中整改期为2个月), with its sentence.
    -- Both patterns hold the phrase: a plain substring test spares the regexes every other text.
    select
        notice_id,
        case when contains(notice_text, '集中整改期') then nullif(regexp_extract(
            notice_text,
            '[^。；！\n]*(?:[0-9一二两三四五六]+个月的?集中整改期|集中整改期[为是]?[0-9一二两三四五六]+个月)[^。；！\n]*'
        ), '') end as stated_period_text,
        case when contains(notice_text, '集中整改期') then coalesce(
            nullif(regexp_extract(notice_text, '([0-9一二两三四五六]+)个月的?集中整改期', 1), ''),
            nullif(regexp_extract(notice_text, '集中整改期[为是]?([0-9一二两三四五六]+)个月', 1), '')
        ) end as months_written
    from notices
)

select
    notice_id,
    stated_period_text,
    case
        when stated_period_text is null then null
        when months_written = '一' then 1
        when months_written in ('二', '两') then 2
        when months_written = '三' then 3
        when months_written = '四' then 4
        when months_written = '五' then 5
        when months_written = '六' then 6
        else try_cast(months_written as integer)
    end as stated_months
from stated_periods
