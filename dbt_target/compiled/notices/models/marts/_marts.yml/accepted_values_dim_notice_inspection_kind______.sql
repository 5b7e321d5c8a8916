
    
    

with all_values as (

    select
        inspection_kind as value_field,
        count(*) as n_records

    from "notices"."marts"."dim_notice"
    group by inspection_kind

)

select *
from all_values
where value_field not in (
    '巡视','巡察'
)


