
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select notice_id
from "notices"."intermediate"."int_listed_counts"
where notice_id is null



  
  
      
    ) dbt_internal_test