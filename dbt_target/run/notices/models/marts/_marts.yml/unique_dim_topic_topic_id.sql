
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    

select
    topic_id as unique_field,
    count(*) as n_records

from "notices"."marts"."dim_topic"
where topic_id is not null
group by topic_id
having count(*) > 1



  
  
      
    ) dbt_internal_test