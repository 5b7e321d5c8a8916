
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    

select
    inspection_kind as unique_field,
    count(*) as n_records

from "notices"."seeds"."rectification_periods"
where inspection_kind is not null
group by inspection_kind
having count(*) > 1



  
  
      
    ) dbt_internal_test