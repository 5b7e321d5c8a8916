
    
    

select
    notice_id as unique_field,
    count(*) as n_records

from "notices"."quality"."qa_notice_dates"
where notice_id is not null
group by notice_id
having count(*) > 1


