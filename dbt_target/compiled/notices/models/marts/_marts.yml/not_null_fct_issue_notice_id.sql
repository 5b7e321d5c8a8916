
    
    



select notice_id
from "notices"."marts"."fct_issue"
where notice_id is null


