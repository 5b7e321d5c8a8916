
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select inspection_key
from "notices"."marts"."fct_inspection"
where inspection_key is null



  
  
      
    ) dbt_internal_test