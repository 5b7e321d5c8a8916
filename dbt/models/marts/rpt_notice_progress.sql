with claims as (
    select * from {{ ref('stg_raw__claims') }}
    where claim_scope = 'main'
),

listed as (
    select * from {{ ref('int_listed_counts') }}
),

findings as (
    select
        notice_id,
        count(*) filter (where not is_consistent) as inconsistent_checks
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
    coalesce(listed.completed, 0) as listed_completed,
    coalesce(listed.basically_completed, 0) as listed_basically_completed,
    coalesce(listed.in_progress, 0) as listed_in_progress,
    coalesce(listed.long_term, 0) as listed_long_term,
    coalesce(listed.not_completed, 0) as listed_not_completed,
    coalesce(findings.inconsistent_checks, 0) as inconsistent_checks,
    coalesce(findings.inconsistent_checks, 0) = 0 as is_fully_consistent
from {{ ref('dim_notice') }} as notices
left join claims using (notice_id)
left join listed using (notice_id)
left join findings using (notice_id)
left join {{ ref('dim_organization') }} as organizations using (organization_id)
left join {{ ref('dim_inspection') }} as inspections using (inspection_id)
