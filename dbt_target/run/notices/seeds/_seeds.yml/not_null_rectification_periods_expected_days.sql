
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select expected_days
from "notices"."seeds"."rectification_periods"
where expected_days is null



  
  
      
    ) dbt_internal_test