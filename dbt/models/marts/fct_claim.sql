with claims as (
    select claims.*
    from {{ ref('stg_raw__claims') }} as claims
    inner join {{ ref('dim_notice') }} using (notice_id)
),

unpivoted as (
    unpivot claims
    on completed, basically_completed, in_progress, not_completed, long_term
    into name status value claimed_count
)

select
    notice_id,
    claim_scope,
    status,
    claimed_count,
    claimed_total,
    total_unit,
    claimed_problems
from unpivoted
where claimed_count is not null
