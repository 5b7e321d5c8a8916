
  
  create view "notices"."quality"."qa_issues__dbt_tmp" as (
    -- One row per listed problem, for the GX suite `issues`: contiguous numbers, no title twice, titles.
select
    notice_id,
    issue_key,
    title,
    issue_seq - row_number() over (partition by notice_id order by issue_seq) as seq_gap,
    count(*) over (partition by notice_id, title) as same_title_count
from "notices"."marts"."fct_issue"
  );
