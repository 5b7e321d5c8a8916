
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    

with child as (
    select status as from_field
    from "notices"."marts"."fct_claim"
    where status is not null
),

parent as (
    select status as to_field
    from "notices"."seeds"."statuses"
)

select
    from_field

from child
left join parent
    on child.from_field = parent.to_field

where parent.to_field is null



  
  
      
    ) dbt_internal_test