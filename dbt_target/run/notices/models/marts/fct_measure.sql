
    

    create  table
      "notices"."marts"."fct_measure"
  
    
    as (
      
-- depends_on: "notices"."staging"."stg_raw__documents"
select
    issues.issue_key,
    measures.notice_id,
    measures.issue_seq,
    measures.measure_seq,
    measures.measure_text as text
from "notices"."staging"."stg_raw__measures" as measures
inner join "notices"."marts"."fct_issue" as issues using (notice_id, issue_seq)
where true
    );
    
  
  