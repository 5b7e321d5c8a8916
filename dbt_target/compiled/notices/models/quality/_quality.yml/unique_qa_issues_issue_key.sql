
    
    

select
    issue_key as unique_field,
    count(*) as n_records

from "notices"."quality"."qa_issues"
where issue_key is not null
group by issue_key
having count(*) > 1


