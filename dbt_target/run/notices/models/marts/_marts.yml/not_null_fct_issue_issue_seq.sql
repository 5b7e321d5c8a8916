
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select issue_seq
from "notices"."marts"."fct_issue"
where issue_seq is null



  
  
      
    ) dbt_internal_test