
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    

with child as (
    select topic_id as from_field
    from "notices"."seeds"."topic_keywords"
    where topic_id is not null
),

parent as (
    select topic_id as to_field
    from "notices"."seeds"."topics"
)

select
    from_field

from child
left join parent
    on child.from_field = parent.to_field

where parent.to_field is null



  
  
      
    ) dbt_internal_test