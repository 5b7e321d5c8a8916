
    
    



select notice_id
from "notices"."marts"."fct_claim"
where notice_id is null


