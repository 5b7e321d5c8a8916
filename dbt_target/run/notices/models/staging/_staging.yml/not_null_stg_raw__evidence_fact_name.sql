
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select fact_name
from "notices"."staging"."stg_raw__evidence"
where fact_name is null



  
  
      
    ) dbt_internal_test