
    
    

select
    notice_id as unique_field,
    count(*) as n_records

from "notices"."staging"."stg_raw__notice_texts"
where notice_id is not null
group by notice_id
having count(*) > 1


