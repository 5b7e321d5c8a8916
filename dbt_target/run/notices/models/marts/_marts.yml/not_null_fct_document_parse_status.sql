
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select parse_status
from "notices"."marts"."fct_document"
where parse_status is null



  
  
      
    ) dbt_internal_test