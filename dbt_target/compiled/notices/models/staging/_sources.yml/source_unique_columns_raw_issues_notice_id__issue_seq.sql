
-- A composite key: no two rows share the values of all these columns.
select
    notice_id, issue_seq,
    count(*) as rows_with_this_key
from "notices"."raw"."issues"
group by notice_id, issue_seq
having count(*) > 1
