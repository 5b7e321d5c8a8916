
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select claimed_count
from "notices"."marts"."fct_claim"
where claimed_count is null



  
  
      
    ) dbt_internal_test