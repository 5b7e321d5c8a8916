
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    

select
    notice_id as unique_field,
    count(*) as n_records

from "notices"."quality"."qa_notice_dates"
where notice_id is not null
group by notice_id
having count(*) > 1



  
  
      
    ) dbt_internal_test