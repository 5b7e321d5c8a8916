
    
    



select notice_id
from "notices"."marts"."fct_evidence"
where notice_id is null


