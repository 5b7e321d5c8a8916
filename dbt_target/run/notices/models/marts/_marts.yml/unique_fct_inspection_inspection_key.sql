
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    

select
    inspection_key as unique_field,
    count(*) as n_records

from "notices"."marts"."fct_inspection"
where inspection_key is not null
group by inspection_key
having count(*) > 1



  
  
      
    ) dbt_internal_test