
-- A composite key: no two rows share the values of all these columns.
select
    notice_id, claim_scope, status,
    count(*) as rows_with_this_key
from "notices"."marts"."fct_claim"
group by notice_id, claim_scope, status
having count(*) > 1
