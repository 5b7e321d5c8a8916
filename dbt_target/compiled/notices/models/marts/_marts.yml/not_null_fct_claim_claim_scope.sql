
    
    



select claim_scope
from "notices"."marts"."fct_claim"
where claim_scope is null


