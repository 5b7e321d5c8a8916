
    
    

with child as (
    select issue_key as from_field
    from "notices"."marts"."fct_measure"
    where issue_key is not null
),

parent as (
    select issue_key as to_field
    from "notices"."marts"."fct_issue"
)

select
    from_field

from child
left join parent
    on child.from_field = parent.to_field

where parent.to_field is null


