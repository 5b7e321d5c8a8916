
    -- Build actual result given inputs
with dbt_internal_unit_test_actual as (
  select
    "notice_id","check_name","claimed_count","listed_count","difference","is_consistent", 'actual' as "actual_or_expected"
  from (
    -- depends_on: __dbt__cte__statuses
-- A notice's own numbers against each other: what the summary claims vs what the body lists.
with  __dbt__cte__statuses as (

-- Fixture for statuses
select 
    
    cast('completed' as character varying)
 as "status", 
    
    cast('1' as INTEGER)
 as "sort_order", 
    
    cast('已完成' as character varying)
 as "label_zh", 
    
    cast(null as character varying(256))
 as "meaning"
union all
select 
    
    cast('basically_completed' as character varying)
 as "status", 
    
    cast('2' as INTEGER)
 as "sort_order", 
    
    cast('基本完成' as character varying)
 as "label_zh", 
    
    cast(null as character varying(256))
 as "meaning"
union all
select 
    
    cast('in_progress' as character varying)
 as "status", 
    
    cast('3' as INTEGER)
 as "sort_order", 
    
    cast('正在推进' as character varying)
 as "label_zh", 
    
    cast(null as character varying(256))
 as "meaning"
union all
select 
    
    cast('not_completed' as character varying)
 as "status", 
    
    cast('4' as INTEGER)
 as "sort_order", 
    
    cast('未完成' as character varying)
 as "label_zh", 
    
    cast(null as character varying(256))
 as "meaning"
union all
select 
    
    cast('long_term' as character varying)
 as "status", 
    
    cast('5' as INTEGER)
 as "sort_order", 
    
    cast('长期坚持' as character varying)
 as "label_zh", 
    
    cast(null as character varying(256))
 as "meaning"
),  __dbt__cte__stg_raw__claims as (

-- Fixture for stg_raw__claims
select 
    
    cast('a' as character varying)
 as "notice_id", 
    
    cast('main' as character varying)
 as "claim_scope", 
    
    cast(29 as INTEGER)
 as "claimed_total", 
    
    cast('项具体问题' as character varying)
 as "total_unit", 
    
    cast(29 as INTEGER)
 as "claimed_problems", cast(null as INTEGER) as "claimed_aspects", 
    
    cast(26 as INTEGER)
 as "completed", 
    
    cast(3 as INTEGER)
 as "basically_completed", cast(null as INTEGER) as "in_progress", cast(null as INTEGER) as "not_completed", cast(null as INTEGER) as "long_term", cast(null as DOUBLE) as "completion_rate_pct", cast(null as character varying(256)) as "completion_rate_written", cast(null as INTEGER) as "claimed_measures", cast(null as INTEGER) as "claimed_rules_made"
),  __dbt__cte__int_listed_counts as (

-- Fixture for int_listed_counts
select 
    
    cast('a' as character varying)
 as "notice_id", 
    
    cast(28 as BIGINT)
 as "listed_problems", 
    
    cast(28 as BIGINT)
 as "listed_with_status", 
    
    cast(25 as BIGINT)
 as "completed", 
    
    cast(3 as BIGINT)
 as "basically_completed", 
    
    cast(0 as BIGINT)
 as "in_progress", 
    
    cast(0 as BIGINT)
 as "not_completed", 
    
    cast(0 as BIGINT)
 as "long_term"
),  __dbt__cte__dim_notice as (

-- Fixture for dim_notice
select 
    
    cast('a' as character varying)
 as "notice_id", cast(null as character varying(256)) as "title", cast(null as character varying(256)) as "issuer", cast(null as character varying(256)) as "inspection_kind", cast(null as character varying(256)) as "inspector", cast(null as DATE) as "inspection_start", cast(null as DATE) as "inspection_end", cast(null as DATE) as "feedback_date", cast(null as DATE) as "as_of_date", cast(null as DATE) as "signed_date", cast(null as DATE) as "published_date", cast(null as character varying(256)) as "source_url", cast(null as character varying(256)) as "source_name", cast(null as character varying(256)) as "organization_id", cast(null as character varying(256)) as "inspection_id", cast(null as character varying(256)) as "notice_text", cast(null as character varying(256)) as "detection_reasons"
), main_claims as (
    select * from __dbt__cte__stg_raw__claims
    where claim_scope = 'main'
),

listed as (
    select * from __dbt__cte__int_listed_counts
),

notices as (
    select
        dim_notice.notice_id,
        main_claims.* exclude (notice_id),
        coalesce(listed.listed_problems, 0) as listed_problems,
        coalesce(listed.listed_with_status, 0) as listed_with_status,
        -- Per-status counts compare only when they count problems, not tasks (49项分项任务).
        main_claims.total_unit like '%问题%'
        and (main_claims.claimed_problems is null or main_claims.claimed_problems = main_claims.claimed_total)
            as counts_are_problems
    from __dbt__cte__dim_notice as dim_notice
    left join main_claims on dim_notice.notice_id = main_claims.notice_id
    left join listed on dim_notice.notice_id = listed.notice_id
),

claimed_by_status as (
    unpivot (select
        notice_id,
        completed, basically_completed, in_progress, not_completed, long_term
    from main_claims)
    on completed, basically_completed, in_progress, not_completed, long_term
    into name status value claimed_count
),

listed_by_status as (
    unpivot (select
        notice_id,
        completed, basically_completed, in_progress, not_completed, long_term
    from listed)
    on completed, basically_completed, in_progress, not_completed, long_term
    into name status value listed_count
),

status_checks as (
    select
        claimed_by_status.notice_id,
        claimed_by_status.status as check_name,
        claimed_by_status.claimed_count,
        coalesce(listed_by_status.listed_count, 0) as listed_count
    from claimed_by_status
    inner join notices on claimed_by_status.notice_id = notices.notice_id
    left join listed_by_status
        on
            claimed_by_status.notice_id = listed_by_status.notice_id
            and claimed_by_status.status = listed_by_status.status
    where notices.counts_are_problems and notices.listed_with_status > 0
),

count_rows as (
    select
        notice_id,
        check_name,
        claimed_count,
        listed_count
    from status_checks
    union all
    select
        notice_id,
        'problems' as check_name,
        coalesce(claimed_problems, case when total_unit like '%问题%' then claimed_total end) as claimed_count,
        listed_problems as listed_count
    from notices
    where coalesce(claimed_problems, case when total_unit like '%问题%' then claimed_total end) is not null
),

rate_rows as (
    select
        notice_id,
        completion_rate_pct as claimed_value,
        completed * 100.0 / claimed_total as computed_value,
        cast(coalesce(length(split_part(completion_rate_written, '.', 2)), 0) as integer) as decimals
    from notices
    where completion_rate_written is not null and completed is not null and claimed_total > 0
)

select
    notice_id,
    check_name,
    claimed_count,
    listed_count,
    cast(claimed_count as double) as claimed_value,
    cast(listed_count as double) as computed_value,
    listed_count - claimed_count as difference,
    claimed_count = listed_count as is_consistent
from count_rows

union all

select
    notice_id,
    'completion_rate' as check_name,
    null as claimed_count,
    null as listed_count,
    claimed_value,
    computed_value,
    null as difference,
    -- The written precision decides; either truncation or rounding to it is accepted (26/29 → 89.65).
    abs(round(computed_value, decimals) - claimed_value) < 1e-9
    or abs(floor(computed_value * pow(10, decimals)) / pow(10, decimals) - claimed_value) < 1e-9
        as is_consistent
from rate_rows
  ) _dbt_internal_unit_test_actual
),
-- Build expected result
dbt_internal_unit_test_expected as (
  select
    "notice_id", "check_name", "claimed_count", "listed_count", "difference", "is_consistent", 'expected' as "actual_or_expected"
  from (
    select 
    
    cast('a' as character varying)
 as "notice_id", 
    
    cast('completed' as character varying)
 as "check_name", 
    
    cast(26 as INTEGER)
 as "claimed_count", 
    
    cast(25 as BIGINT)
 as "listed_count", 
    
    cast(-1 as BIGINT)
 as "difference", 
    
    cast(False as BOOLEAN)
 as "is_consistent"
union all
select 
    
    cast('a' as character varying)
 as "notice_id", 
    
    cast('basically_completed' as character varying)
 as "check_name", 
    
    cast(3 as INTEGER)
 as "claimed_count", 
    
    cast(3 as BIGINT)
 as "listed_count", 
    
    cast(0 as BIGINT)
 as "difference", 
    
    cast(True as BOOLEAN)
 as "is_consistent"
union all
select 
    
    cast('a' as character varying)
 as "notice_id", 
    
    cast('problems' as character varying)
 as "check_name", 
    
    cast(29 as INTEGER)
 as "claimed_count", 
    
    cast(28 as BIGINT)
 as "listed_count", 
    
    cast(-1 as BIGINT)
 as "difference", 
    
    cast(False as BOOLEAN)
 as "is_consistent"
  ) _dbt_internal_unit_test_expected
)
-- Union actual and expected results
select * from dbt_internal_unit_test_actual
union all
select * from dbt_internal_unit_test_expected