
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select fact_name
from "notices"."marts"."fct_evidence"
where fact_name is null



  
  
      
    ) dbt_internal_test