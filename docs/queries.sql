-- A cookbook of analyst questions against the published warehouse (warehouse/notices.duckdb).
-- Each query starts with a `-- name:` line and a `-- question:` line; tests/test_cookbook.py runs
-- every one against the three samples and checks its answer, so these stay true to the schema.
-- Null means "the notice does not state it", never 0.

-- name: claims_more_completed_than_listed
-- question: Which notices claim more completed problems than their body lists, and by how many?
select
    notices.title,
    reconciliation.claimed_count as claimed_completed,
    reconciliation.listed_count as listed_completed,
    reconciliation.difference
from marts.fct_reconciliation as reconciliation
inner join marts.dim_notice as notices using (notice_id)
where reconciliation.check_name = 'completed' and reconciliation.difference < 0
order by reconciliation.difference, notices.title;

-- name: quote_the_disputed_claim
-- question: For each notice whose completed count disagrees with its body, what sentence says so?
select
    notices.title,
    claims.claimed_count,
    claims.evidence_text
from marts.fct_reconciliation as reconciliation
inner join marts.fct_claim as claims
    on
        reconciliation.notice_id = claims.notice_id
        and claims.claim_scope = 'main'
        and claims.status = 'completed'
inner join marts.dim_notice as notices on reconciliation.notice_id = notices.notice_id
where reconciliation.check_name = 'completed' and not reconciliation.is_consistent
order by notices.title;

-- name: notices_whose_numbers_disagree
-- question: How many notices have at least one number that disagrees with their own body?
select
    count(*) filter (where not is_fully_consistent) as notices_disagreeing,
    count(*) as notices
from marts.rpt_notice_progress;

-- name: feedback_to_notice_lag
-- question: How long after the feedback do bodies report on their rectification (median days)?
select
    median(notice_lag_days) as median_notice_lag_days,
    min(notice_lag_days) as fastest,
    max(notice_lag_days) as slowest
from marts.fct_inspection;

-- name: inspections_reported_late
-- question: Which inspected bodies reported later than their rectification period, by how many days?
select
    issuer,
    due_date,
    first_reported_on,
    first_reported_on - due_date as days_late
from marts.fct_inspection
where is_late
order by days_late desc;

-- name: land_use_problems_in_jiangxi_2023
-- question: Which problems about land use were fed back in Jiangxi in 2023?
select
    issues.title as problem,
    notices.issuer
from marts.fct_issue as issues
inner join marts.dim_notice as notices using (notice_id)
inner join marts.dim_organization as organizations using (organization_id)
where
    issues.topic_id = 'land_use'
    and organizations.province = '江西'
    and year(notices.feedback_date) = 2023
order by issues.issue_key;

-- name: problems_by_topic
-- question: Which topics do the fed-back problems fall under most often?
select
    topics.topic_name_en,
    count(*) as problems
from marts.fct_issue as issues
inner join marts.dim_topic as topics using (topic_id)
group by topics.topic_name_en
order by problems desc, topics.topic_name_en
limit 3;

-- name: notices_by_province_and_kind
-- question: How many notices are there per province and kind of inspection?
select
    coalesce(province, 'not stated') as province,
    inspection_kind,
    count(*) as notices
from marts.rpt_notice_progress
group by all
order by province;

-- name: claimed_completion_rates
-- question: What completion rate does each notice claim, and what do its own counts give?
select
    notices.title,
    reconciliation.claimed_value as written_rate_pct,
    round(reconciliation.computed_value, 2) as computed_rate_pct,
    reconciliation.is_consistent
from marts.fct_reconciliation as reconciliation
inner join marts.dim_notice as notices using (notice_id)
where reconciliation.check_name = 'completion_rate'
order by notices.title;

-- name: problems_without_status
-- question: Which notices list problems without saying which are done (so listed status counts are unknown)?
select
    title,
    listed_problems,
    listed_completed
from marts.rpt_notice_progress
where listed_completed is null
order by title;

-- name: measures_per_problem
-- question: How many measures does each notice report per problem, on average?
select
    notices.title,
    round(avg(issues.measure_count), 1) as measures_per_problem
from marts.fct_issue as issues
inner join marts.dim_notice as notices using (notice_id)
group by notices.title
order by measures_per_problem desc;

-- name: documents_that_did_not_become_notices
-- question: How many documents did the pipeline see, and what became of them?
select
    parse_status,
    count(*) as documents
from marts.fct_document
group by parse_status
order by parse_status;

-- name: freshness
-- question: When was this warehouse built, and from how many notices?
select
    notices,
    documents,
    documents_failed,
    built_at is not null as has_build_time
from meta.build_info;
