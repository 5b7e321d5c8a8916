
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select claim_scope
from "notices"."marts"."fct_claim"
where claim_scope is null



  
  
      
    ) dbt_internal_test