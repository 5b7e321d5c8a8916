
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select inspection_id
from "notices"."marts"."dim_inspection"
where inspection_id is null



  
  
      
    ) dbt_internal_test