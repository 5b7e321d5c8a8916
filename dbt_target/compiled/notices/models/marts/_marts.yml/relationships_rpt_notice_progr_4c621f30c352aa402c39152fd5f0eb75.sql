
    
    

with child as (
    select inspection_key as from_field
    from "notices"."marts"."rpt_notice_progress"
    where inspection_key is not null
),

parent as (
    select inspection_key as to_field
    from "notices"."marts"."fct_inspection"
)

select
    from_field

from child
left join parent
    on child.from_field = parent.to_field

where parent.to_field is null


