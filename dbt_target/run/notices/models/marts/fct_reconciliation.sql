
    

    create  table
      "notices"."marts"."fct_reconciliation__dbt_tmp"
  
    
    as (
      -- depends_on: "notices"."seeds"."statuses"
-- A notice's own numbers against each other: what the summary claims vs what the body lists.
with main_claims as (
    select * from "notices"."staging"."stg_raw__claims"
    where claim_scope = 'main'
),

listed as (
    select * from "notices"."intermediate"."int_listed_counts"
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
    from "notices"."marts"."dim_notice" as dim_notice
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
    );
    
  