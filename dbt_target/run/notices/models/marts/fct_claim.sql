
    

    create  table
      "notices"."marts"."fct_claim"
  
    
    as (
      
-- depends_on: "notices"."staging"."stg_raw__documents"
with claims as (
    select claims.*
    from "notices"."staging"."stg_raw__claims" as claims
    inner join "notices"."marts"."dim_notice" using (notice_id)
    where true
),

unpivoted as (
    unpivot claims
    on completed, basically_completed, in_progress, not_completed, long_term
    into name status value claimed_count
),

-- The parser quotes the sentence of the headline summary only (scope 'main'). The scope is a
-- column joined on, not a constant in the join: `claim_scope = 'main'` in the left join's condition
-- made DuckDB join every claim with every quote (a nested loop: 12 s of a 10,000-notice build).
evidence as (
    select
        notice_id,
        'main' as claim_scope,
        replace(fact_name, 'claims.', '') as status,
        evidence_text,
        start_offset,
        end_offset
    from "notices"."staging"."stg_raw__evidence"
    where fact_name like 'claims.%'
)

select
    unpivoted.notice_id,
    unpivoted.claim_scope,
    unpivoted.status,
    unpivoted.claimed_count,
    unpivoted.claimed_total,
    unpivoted.total_unit,
    unpivoted.claimed_problems,
    evidence.evidence_text,
    evidence.start_offset as evidence_start,
    evidence.end_offset as evidence_end
from unpivoted
left join evidence
    on
        unpivoted.notice_id = evidence.notice_id
        and unpivoted.claim_scope = evidence.claim_scope
        and unpivoted.status = evidence.status
where unpivoted.claimed_count is not null
    );
    
  
  