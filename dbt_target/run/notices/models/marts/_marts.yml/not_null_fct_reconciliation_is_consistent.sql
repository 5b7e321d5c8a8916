
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select is_consistent
from "notices"."marts"."fct_reconciliation"
where is_consistent is null



  
  
      
    ) dbt_internal_test