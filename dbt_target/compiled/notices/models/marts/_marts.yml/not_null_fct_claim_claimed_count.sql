
    
    



select claimed_count
from "notices"."marts"."fct_claim"
where claimed_count is null


