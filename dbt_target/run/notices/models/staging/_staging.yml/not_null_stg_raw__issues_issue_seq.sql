
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select issue_seq
from "notices"."staging"."stg_raw__issues"
where issue_seq is null



  
  
      
    ) dbt_internal_test