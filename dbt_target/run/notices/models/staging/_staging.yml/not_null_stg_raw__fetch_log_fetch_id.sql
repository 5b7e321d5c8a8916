
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select fetch_id
from "notices"."staging"."stg_raw__fetch_log"
where fetch_id is null



  
  
      
    ) dbt_internal_test