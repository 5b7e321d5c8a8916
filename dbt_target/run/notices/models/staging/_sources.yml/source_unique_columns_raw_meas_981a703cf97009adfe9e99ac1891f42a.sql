
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
-- A composite key: no two rows share the values of all these columns.
select
    notice_id, issue_seq, measure_seq,
    count(*) as rows_with_this_key
from "notices"."raw"."measures"
group by notice_id, issue_seq, measure_seq
having count(*) > 1

  
  
      
    ) dbt_internal_test