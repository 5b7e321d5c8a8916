
    
    



select notice_id
from "notices"."marts"."fct_reconciliation"
where notice_id is null


