-- fct_reconciliation is keyed by (notice_id, check_name).
select notice_id, check_name, count(*) as rows_per_key
from {{ ref('fct_reconciliation') }}
group by notice_id, check_name
having count(*) > 1
