
    
    

select
    inspection_kind as unique_field,
    count(*) as n_records

from "notices"."seeds"."rectification_periods"
where inspection_kind is not null
group by inspection_kind
having count(*) > 1


