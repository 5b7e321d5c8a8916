
-- A composite key: no two rows share the values of all these columns.
select
    notice_id, warning_seq,
    count(*) as rows_with_this_key
from "notices"."raw"."warnings"
group by notice_id, warning_seq
having count(*) > 1
