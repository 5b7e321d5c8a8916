
    
    

with all_values as (

    select
        organization_type as value_field,
        count(*) as n_records

    from "notices"."marts"."dim_organization"
    group by organization_type

)

select *
from all_values
where value_field not in (
    'development_zone','university','state_enterprise','party_committee','other'
)


