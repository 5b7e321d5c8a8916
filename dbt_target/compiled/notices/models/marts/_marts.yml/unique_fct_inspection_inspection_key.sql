
    
    

select
    inspection_key as unique_field,
    count(*) as n_records

from "notices"."marts"."fct_inspection"
where inspection_key is not null
group by inspection_key
having count(*) > 1


