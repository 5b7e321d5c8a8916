
    -- Build actual result given inputs
with dbt_internal_unit_test_actual as (
  select
    "organization_id","progress_notices","feedback_lag_days","first_notice_id","notice_lag_days","latest_notice_id","expected_period_basis","due_date","is_late", 'actual' as "actual_or_expected"
  from (
    -- One row per inspection (organisation × inspecting group × inspection period) with the notices
-- that report on it: how long the inspectors took to feed back, how long the body took to report,
-- and whether it reported later than the period it had.
with  __dbt__cte__dim_notice as (

-- Fixture for dim_notice
select 
    
    cast('a1' as character varying)
 as "notice_id", cast(null as character varying(256)) as "title", 
    
    cast('甲' as character varying)
 as "issuer", 
    
    cast('巡察' as character varying)
 as "inspection_kind", 
    
    cast('县委第一巡察组' as character varying)
 as "inspector", 
    
    cast('2023-03-01' as DATE)
 as "inspection_start", 
    
    cast('2023-04-30' as DATE)
 as "inspection_end", 
    
    cast('2023-05-20' as DATE)
 as "feedback_date", 
    
    cast('2023-07-31' as DATE)
 as "as_of_date", cast(null as DATE) as "signed_date", cast(null as DATE) as "published_date", cast(null as character varying(256)) as "source_url", cast(null as character varying(256)) as "source_name", 
    
    cast('org1' as character varying)
 as "organization_id", 
    
    cast('insp1' as character varying)
 as "inspection_id", cast(null as character varying(256)) as "notice_text", cast(null as character varying(256)) as "detection_reasons"
union all
select 
    
    cast('a2' as character varying)
 as "notice_id", cast(null as character varying(256)) as "title", 
    
    cast('甲' as character varying)
 as "issuer", 
    
    cast('巡察' as character varying)
 as "inspection_kind", 
    
    cast('县委第一巡察组' as character varying)
 as "inspector", 
    
    cast('2023-03-01' as DATE)
 as "inspection_start", 
    
    cast('2023-04-30' as DATE)
 as "inspection_end", 
    
    cast('2023-05-20' as DATE)
 as "feedback_date", cast(null as DATE) as "as_of_date", 
    
    cast('2024-01-10' as DATE)
 as "signed_date", cast(null as DATE) as "published_date", cast(null as character varying(256)) as "source_url", cast(null as character varying(256)) as "source_name", 
    
    cast('org1' as character varying)
 as "organization_id", 
    
    cast('insp1' as character varying)
 as "inspection_id", cast(null as character varying(256)) as "notice_text", cast(null as character varying(256)) as "detection_reasons"
union all
select 
    
    cast('b1' as character varying)
 as "notice_id", cast(null as character varying(256)) as "title", 
    
    cast('乙' as character varying)
 as "issuer", 
    
    cast('巡察' as character varying)
 as "inspection_kind", 
    
    cast('县委第一巡察组' as character varying)
 as "inspector", 
    
    cast('2023-03-01' as DATE)
 as "inspection_start", 
    
    cast('2023-04-30' as DATE)
 as "inspection_end", 
    
    cast('2023-05-20' as DATE)
 as "feedback_date", 
    
    cast('2023-08-10' as DATE)
 as "as_of_date", cast(null as DATE) as "signed_date", cast(null as DATE) as "published_date", cast(null as character varying(256)) as "source_url", cast(null as character varying(256)) as "source_name", 
    
    cast('org2' as character varying)
 as "organization_id", 
    
    cast('insp1' as character varying)
 as "inspection_id", cast(null as character varying(256)) as "notice_text", cast(null as character varying(256)) as "detection_reasons"
),  __dbt__cte__stg_raw__claims as (

-- Fixture for stg_raw__claims
select cast(null as character varying(256)) as "notice_id", cast(null as character varying(256)) as "claim_scope", cast(null as INTEGER) as "claimed_total", cast(null as character varying(256)) as "total_unit", cast(null as INTEGER) as "claimed_problems", cast(null as INTEGER) as "claimed_aspects", cast(null as INTEGER) as "completed", cast(null as INTEGER) as "basically_completed", cast(null as INTEGER) as "in_progress", cast(null as INTEGER) as "not_completed", cast(null as INTEGER) as "long_term", cast(null as DOUBLE) as "completion_rate_pct", cast(null as character varying(256)) as "completion_rate_written", cast(null as INTEGER) as "claimed_measures", cast(null as INTEGER) as "claimed_rules_made"
    limit 0
),  __dbt__cte__rectification_periods as (

-- Fixture for rectification_periods
select 
    
    cast('巡察' as character varying)
 as "inspection_kind", 
    
    cast(90 as INTEGER)
 as "expected_days", 
    
    cast('default' as character varying)
 as "basis"
),  __dbt__cte__int_stated_periods as (

-- Fixture for int_stated_periods
select 
    
    cast('a1' as character varying)
 as "notice_id", 
    
    cast('在为期两个月集中整改期内完成整改' as character varying)
 as "stated_period_text", 
    
    cast(2 as INTEGER)
 as "stated_months"
union all
select 
    
    cast('a2' as character varying)
 as "notice_id", cast(null as character varying(256)) as "stated_period_text", cast(null as INTEGER) as "stated_months"
union all
select 
    
    cast('b1' as character varying)
 as "notice_id", cast(null as character varying(256)) as "stated_period_text", cast(null as INTEGER) as "stated_months"
), notices as (
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
    from __dbt__cte__dim_notice
    where organization_id is not null
),

claims as (
    select * from __dbt__cte__stg_raw__claims
    where claim_scope = 'main'
),

periods as (
    select * from __dbt__cte__rectification_periods
),

stated_months as (
    select * from __dbt__cte__int_stated_periods
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
  ) _dbt_internal_unit_test_actual
),
-- Build expected result
dbt_internal_unit_test_expected as (
  select
    "organization_id", "progress_notices", "feedback_lag_days", "first_notice_id", "notice_lag_days", "latest_notice_id", "expected_period_basis", "due_date", "is_late", 'expected' as "actual_or_expected"
  from (
    select 
    
    cast('org1' as character varying)
 as "organization_id", 
    
    cast(2 as BIGINT)
 as "progress_notices", 
    
    cast(20 as BIGINT)
 as "feedback_lag_days", 
    
    cast('a1' as character varying)
 as "first_notice_id", 
    
    cast(72 as BIGINT)
 as "notice_lag_days", 
    
    cast('a2' as character varying)
 as "latest_notice_id", 
    
    cast('stated' as character varying)
 as "expected_period_basis", 
    
    cast('2023-07-20' as DATE)
 as "due_date", 
    
    cast(True as BOOLEAN)
 as "is_late"
union all
select 
    
    cast('org2' as character varying)
 as "organization_id", 
    
    cast(1 as BIGINT)
 as "progress_notices", 
    
    cast(20 as BIGINT)
 as "feedback_lag_days", 
    
    cast('b1' as character varying)
 as "first_notice_id", 
    
    cast(82 as BIGINT)
 as "notice_lag_days", 
    
    cast('b1' as character varying)
 as "latest_notice_id", 
    
    cast('default' as character varying)
 as "expected_period_basis", 
    
    cast('2023-08-18' as DATE)
 as "due_date", 
    
    cast(False as BOOLEAN)
 as "is_late"
  ) _dbt_internal_unit_test_expected
)
-- Union actual and expected results
select * from dbt_internal_unit_test_actual
union all
select * from dbt_internal_unit_test_expected