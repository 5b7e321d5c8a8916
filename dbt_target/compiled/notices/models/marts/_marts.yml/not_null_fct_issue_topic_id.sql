
    
    



select topic_id
from "notices"."marts"."fct_issue"
where topic_id is null


