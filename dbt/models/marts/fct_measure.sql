select
    issues.issue_key,
    measures.notice_id,
    measures.issue_seq,
    measures.measure_seq,
    measures.measure_text as text
from {{ ref('stg_raw__measures') }} as measures
inner join {{ ref('fct_issue') }} as issues using (notice_id, issue_seq)
