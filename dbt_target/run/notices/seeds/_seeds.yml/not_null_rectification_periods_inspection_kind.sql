
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select inspection_kind
from "notices"."seeds"."rectification_periods"
where inspection_kind is null



  
  
      
    ) dbt_internal_test