with claims as (
    select * from {{ ref('stg_raw__claims') }} where claim_scope = 'main'
),

listed as (
    select
        notice_id,
        count(*) as listed_problems,
        count(*) filter (where status = 'completed') as listed_completed,
        count(*) filter (where status = 'basically_completed') as listed_basically_completed,
        count(*) filter (where status = 'in_progress') as listed_in_progress,
        count(*) filter (where status = 'long_term') as listed_long_term,
        count(*) filter (where status = 'not_completed') as listed_not_completed
    from {{ ref('fct_issue') }}
    group by notice_id
),

findings as (
    select notice_id, count(*) filter (where not is_consistent) as inconsistent_checks
    from {{ ref('fct_reconciliation') }}
    group by notice_id
)

select
    notices.notice_id,
    notices.title,
    notices.issuer,
    organizations.province,
    organizations.city,
    organizations.organization_type,
    notices.inspection_kind,
    notices.inspector,
    inspections.inspection_level,
    inspections.inspection_type,
    notices.inspection_start,
    notices.feedback_date,
    notices.as_of_date,
    notices.signed_date,
    notices.published_date,
    claims.claimed_total,
    claims.total_unit,
    claims.claimed_problems,
    claims.completed as claimed_completed,
    claims.basically_completed as claimed_basically_completed,
    claims.in_progress as claimed_in_progress,
    claims.long_term as claimed_long_term,
    claims.not_completed as claimed_not_completed,
    claims.completion_rate_pct,
    coalesce(listed.listed_problems, 0) as listed_problems,
    coalesce(listed.listed_completed, 0) as listed_completed,
    coalesce(listed.listed_basically_completed, 0) as listed_basically_completed,
    coalesce(listed.listed_in_progress, 0) as listed_in_progress,
    coalesce(listed.listed_long_term, 0) as listed_long_term,
    coalesce(listed.listed_not_completed, 0) as listed_not_completed,
    coalesce(findings.inconsistent_checks, 0) as inconsistent_checks,
    coalesce(findings.inconsistent_checks, 0) = 0 as is_fully_consistent
from {{ ref('dim_notice') }} as notices
left join claims using (notice_id)
left join listed using (notice_id)
left join findings using (notice_id)
left join {{ ref('dim_organization') }} as organizations using (organization_id)
left join {{ ref('dim_inspection') }} as inspections using (inspection_id)
