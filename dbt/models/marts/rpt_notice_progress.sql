-- depends_on: {{ ref('statuses') }}
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
    {{ inspection_key(
        'notices.organization_id', 'notices.inspection_id', 'notices.inspection_start', 'notices.inspection_end'
    ) }} as inspection_key,
    notices.title,
    notices.issuer,
    organizations.province,
    organizations.city,
    organizations.district,
    organizations.organization_type,
    notices.inspection_kind,
    notices.inspector,
    inspections.inspection_level,
    inspections.inspection_type,
    notices.inspection_start,
    notices.inspection_end,
    notices.feedback_date,
    notices.as_of_date,
    notices.signed_date,
    notices.published_date,
    notices.source_url,
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
    -- A body that files no problem under a status says nothing about how many are completed: the
    -- listed status counts are null then, not 0 (sample 003 lists its problems without statuses).
    {% for status in status_names() -%}
        case when listed.listed_with_status > 0 then listed.{{ status }} end as listed_{{ status }},
    {% endfor -%}
    coalesce(findings.inconsistent_checks, 0) as inconsistent_checks,
    coalesce(findings.inconsistent_checks, 0) = 0 as is_fully_consistent
from {{ ref('dim_notice') }} as notices
left join claims using (notice_id)
left join listed using (notice_id)
left join findings using (notice_id)
left join {{ ref('dim_organization') }} as organizations using (organization_id)
left join {{ ref('dim_inspection') }} as inspections using (inspection_id)
