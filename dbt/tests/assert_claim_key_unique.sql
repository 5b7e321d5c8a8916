-- fct_claim is keyed by (notice_id, claim_scope, status).
select notice_id, claim_scope, status, count(*) as rows_per_key
from {{ ref('fct_claim') }}
group by notice_id, claim_scope, status
having count(*) > 1
