
    
    

with child as (
    select topic_id as from_field
    from "notices"."marts"."fct_issue"
    where topic_id is not null
),

parent as (
    select topic_id as to_field
    from "notices"."marts"."dim_topic"
)

select
    from_field

from child
left join parent
    on child.from_field = parent.to_field

where parent.to_field is null


