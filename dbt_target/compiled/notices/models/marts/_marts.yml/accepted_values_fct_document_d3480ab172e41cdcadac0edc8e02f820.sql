
    
    

with all_values as (

    select
        parse_status as value_field,
        count(*) as n_records

    from "notices"."marts"."fct_document"
    group by parse_status

)

select *
from all_values
where value_field not in (
    'parsed','not_notice','failed','too_large','not_regular','unreadable','unsupported','timeout'
)


