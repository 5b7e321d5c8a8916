-- One row per count a notice claims and its body lists, for the GX suite `reconciliation`.
select
    notice_id,
    check_name,
    claimed_count,
    listed_count
from "notices"."marts"."fct_reconciliation"
where check_name <> 'completion_rate'