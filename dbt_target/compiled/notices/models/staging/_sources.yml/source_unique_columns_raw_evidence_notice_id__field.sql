
-- A composite key: no two rows share the values of all these columns.
select
    notice_id, field,
    count(*) as rows_with_this_key
from "notices"."raw"."evidence"
group by notice_id, field
having count(*) > 1
