
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select issue_key
from "notices"."quality"."qa_issues"
where issue_key is null



  
  
      
    ) dbt_internal_test