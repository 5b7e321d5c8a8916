
    
    

with child as (
    select organization_id as from_field
    from "notices"."marts"."dim_notice"
    where organization_id is not null
),

parent as (
    select organization_id as to_field
    from "notices"."marts"."dim_organization"
)

select
    from_field

from child
left join parent
    on child.from_field = parent.to_field

where parent.to_field is null


