-- depends_on: "notices"."seeds"."statuses"
with claims as (
    select * from "notices"."staging"."stg_raw__claims"
    where claim_scope = 'main'
),

listed as (
    select * from "notices"."intermediate"."int_listed_counts"
),

findings as (
    select
        notice_id,
        count(*) filter (where not is_consistent) as inconsistent_checks
    from "notices"."marts"."fct_reconciliation"
    group by notice_id
)

select
    notices.notice_id,
    case when notices.organization_id is not null then md5(concat_ws('|',
      notices.organization_id,
      coalesce(notices.inspection_id, ''),
      coalesce(cast(notices.inspection_start as varchar), ''),
      coalesce(cast(notices.inspection_end as varchar), '')))
  end
 as inspection_key,
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
    case when listed.listed_with_status > 0 then listed.completed end as listed_completed,
    case when listed.listed_with_status > 0 then listed.basically_completed end as listed_basically_completed,
    case when listed.listed_with_status > 0 then listed.in_progress end as listed_in_progress,
    case when listed.listed_with_status > 0 then listed.not_completed end as listed_not_completed,
    case when listed.listed_with_status > 0 then listed.long_term end as listed_long_term,
    coalesce(findings.inconsistent_checks, 0) as inconsistent_checks,
    coalesce(findings.inconsistent_checks, 0) = 0 as is_fully_consistent
from "notices"."marts"."dim_notice" as notices
left join claims using (notice_id)
left join listed using (notice_id)
left join findings using (notice_id)
left join "notices"."marts"."dim_organization" as organizations using (organization_id)
left join "notices"."marts"."dim_inspection" as inspections using (inspection_id)