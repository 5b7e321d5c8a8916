
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    

select
    fetch_id as unique_field,
    count(*) as n_records

from "notices"."raw"."fetch_log"
where fetch_id is not null
group by fetch_id
having count(*) > 1



  
  
      
    ) dbt_internal_test