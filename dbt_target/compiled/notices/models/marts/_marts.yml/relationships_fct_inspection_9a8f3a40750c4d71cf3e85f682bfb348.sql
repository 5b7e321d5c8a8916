
    
    

with child as (
    select inspection_id as from_field
    from "notices"."marts"."fct_inspection"
    where inspection_id is not null
),

parent as (
    select inspection_id as to_field
    from "notices"."marts"."dim_inspection"
)

select
    from_field

from child
left join parent
    on child.from_field = parent.to_field

where parent.to_field is null


