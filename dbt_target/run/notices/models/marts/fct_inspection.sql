
    

    create  table
      "notices"."marts"."fct_inspection__dbt_tmp"
  
    
    as (
      -- One row per inspection (organisation × inspecting group × inspection period) with the notices
-- that report on it: how long the inspectors took to feed back, how long the body took to report,
-- and whether it reported later than the period it had.
with notices as (
    select
        -- The text is read by int_stated_periods only: carried through the window functions below,
        -- it was most of this model's time.
        * exclude (notice_text),
        case when organization_id is not null then md5(concat_ws('|',
      organization_id,
      coalesce(inspection_id, ''),
      coalesce(cast(inspection_start as varchar), ''),
      coalesce(cast(inspection_end as varchar), '')))
  end

            as inspection_key,
        -- The day a notice reports on: its 截至 date, else its signature, else its publication.
        coalesce(as_of_date, signed_date, published_date) as reported_on
    from "notices"."marts"."dim_notice"
    where organization_id is not null
),

claims as (
    select * from "notices"."staging"."stg_raw__claims"
    where claim_scope = 'main'
),

periods as (
    select * from "notices"."seeds"."rectification_periods"
),

stated_months as (
    select * from "notices"."intermediate"."int_stated_periods"
    where stated_period_text is not null
),

ranked as (
    select
        notices.*,
        claims.completed as claimed_completed,
        claims.claimed_total,
        claims.completion_rate_pct,
        row_number() over (
            partition by notices.inspection_key order by notices.reported_on asc nulls last, notices.notice_id asc
        ) as first_rank,
        row_number() over (
            partition by notices.inspection_key order by notices.reported_on desc nulls last, notices.notice_id asc
        ) as latest_rank
    from notices
    left join claims using (notice_id)
),

inspections as (
    select
        inspection_key,
        any_value(organization_id) as organization_id,
        any_value(inspection_id) as inspection_id,
        min(issuer) as issuer,
        any_value(inspection_kind) as inspection_kind,
        any_value(inspector) as inspector,
        any_value(inspection_start) as inspection_start,
        any_value(inspection_end) as inspection_end,
        min(feedback_date) as feedback_date,
        count(*) as progress_notices,
        count(distinct feedback_date) > 1 as has_conflicting_feedback_dates
    from notices
    group by inspection_key
),

firsts as (
    select
        ranked.inspection_key,
        ranked.notice_id as first_notice_id,
        ranked.reported_on as first_reported_on,
        stated_months.stated_months,
        stated_months.stated_period_text
    from ranked
    left join stated_months using (notice_id)
    where ranked.first_rank = 1
),

latests as (
    select
        inspection_key,
        notice_id as latest_notice_id,
        reported_on as latest_reported_on,
        claimed_completed as latest_claimed_completed,
        claimed_total as latest_claimed_total,
        completion_rate_pct as latest_completion_rate_pct
    from ranked
    where latest_rank = 1
),

final as (
    select
        inspections.*,
        inspections.feedback_date - inspections.inspection_end as feedback_lag_days,
        firsts.first_notice_id,
        firsts.first_reported_on,
        firsts.first_reported_on - inspections.feedback_date as notice_lag_days,
        latests.latest_notice_id,
        latests.latest_reported_on,
        latests.latest_claimed_completed,
        latests.latest_claimed_total,
        latests.latest_completion_rate_pct,
        case
            when firsts.stated_months is not null then 'stated'
            when periods.expected_days is not null then 'default'
        end as expected_period_basis,
        firsts.stated_period_text,
        case
            when firsts.stated_months is not null
                then cast(inspections.feedback_date + to_months(firsts.stated_months) as date)
            else inspections.feedback_date + periods.expected_days
        end as due_date
    from inspections
    left join firsts using (inspection_key)
    left join latests using (inspection_key)
    left join periods using (inspection_kind)
)

select
    *,
    first_reported_on > due_date as is_late
from final
    );
    
  