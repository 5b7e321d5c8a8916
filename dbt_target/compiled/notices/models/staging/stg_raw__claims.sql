with source as (
    select * from "notices"."raw"."claims"
),

renamed as (
    select
        notice_id,
        scope as claim_scope,
        total as claimed_total,
        total_unit,
        problems as claimed_problems,
        aspects as claimed_aspects,
        completed,
        basically_completed,
        in_progress,
        not_completed,
        long_term,
        cast(completion_rate_pct as double) as completion_rate_pct,
        completion_rate_written,
        measures as claimed_measures,
        rules_made as claimed_rules_made
    from source
)

select * from renamed