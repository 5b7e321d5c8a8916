
-- A composite key: no two rows share the values of all these columns.
select
    notice_id, check_name,
    count(*) as rows_with_this_key
from "notices"."marts"."fct_reconciliation"
group by notice_id, check_name
having count(*) > 1
