-- A notice's own numbers against each other: what the summary claims vs what the body lists.
with main_claims as (
    select * from {{ ref('stg_raw__claims') }}
    where claim_scope = 'main'
),

issues as (
    select * from {{ ref('fct_issue') }}
),

listed as (
    select
        notice_id,
        count(*) as listed_problems,
        count(status) as listed_with_status,
        count(*) filter (where status = 'completed') as completed,
        count(*) filter (where status = 'basically_completed') as basically_completed,
        count(*) filter (where status = 'in_progress') as in_progress,
        count(*) filter (where status = 'not_completed') as not_completed,
        count(*) filter (where status = 'long_term') as long_term
    from issues
    group by notice_id
),

notices as (
    select
        dim_notice.notice_id,
        main_claims.*,
        coalesce(listed.listed_problems, 0) as listed_problems,
        coalesce(listed.listed_with_status, 0) as listed_with_status,
        listed.completed as listed_completed,
        listed.basically_completed as listed_basically_completed,
        listed.in_progress as listed_in_progress,
        listed.not_completed as listed_not_completed,
        listed.long_term as listed_long_term,
        -- Per-status counts compare only when they count problems, not tasks (49项分项任务).
        main_claims.total_unit like '%问题%'
            and (main_claims.claimed_problems is null or main_claims.claimed_problems = main_claims.claimed_total)
            as counts_are_problems
    from {{ ref('dim_notice') }} as dim_notice
    left join main_claims on main_claims.notice_id = dim_notice.notice_id
    left join listed on listed.notice_id = dim_notice.notice_id
),

status_checks as (
    select notice_id, 'completed' as check_name, completed as claimed_count, listed_completed as listed_count,
        counts_are_problems, listed_with_status from notices
    union all
    select notice_id, 'basically_completed', basically_completed, listed_basically_completed,
        counts_are_problems, listed_with_status from notices
    union all
    select notice_id, 'in_progress', in_progress, listed_in_progress, counts_are_problems, listed_with_status from notices
    union all
    select notice_id, 'not_completed', not_completed, listed_not_completed, counts_are_problems, listed_with_status from notices
    union all
    select notice_id, 'long_term', long_term, listed_long_term, counts_are_problems, listed_with_status from notices
),

count_rows as (
    select notice_id, check_name, claimed_count, listed_count
    from status_checks
    where claimed_count is not null and counts_are_problems and listed_with_status > 0
    union all
    select
        notice_id,
        'problems',
        coalesce(claimed_problems, case when total_unit like '%问题%' then claimed_total end),
        listed_problems
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
