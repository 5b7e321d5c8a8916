
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select organization_id
from "notices"."marts"."dim_organization"
where organization_id is null



  
  
      
    ) dbt_internal_test