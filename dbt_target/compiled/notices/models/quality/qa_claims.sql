-- One row per notice's headline summary, for the GX suite `claims`: do its counts add up, and does
-- the written rate follow from them?
with claims as (
    select * from "notices"."staging"."stg_raw__claims"
    where claim_scope = 'main'
),

rates as (
    select
        notice_id,
        is_consistent
    from "notices"."marts"."fct_reconciliation"
    where check_name = 'completion_rate'
)

select
    claims.notice_id,
    claims.claimed_total,
    claims.completed,
    -- A sum only when two or more statuses are stated: one status alone need not cover the total.
    case
        when
            (claims.completed is not null)::int + (claims.basically_completed is not null)::int
            + (claims.in_progress is not null)::int + (claims.not_completed is not null)::int
            + (claims.long_term is not null)::int >= 2
            then
                coalesce(claims.completed, 0) + coalesce(claims.basically_completed, 0)
                + coalesce(claims.in_progress, 0) + coalesce(claims.not_completed, 0)
                + coalesce(claims.long_term, 0)
    end as status_sum,
    rates.is_consistent as rate_follows_from_counts
from claims
inner join "notices"."marts"."dim_notice" using (notice_id)
left join rates using (notice_id)