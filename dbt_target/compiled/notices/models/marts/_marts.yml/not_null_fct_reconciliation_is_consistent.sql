
    
    



select is_consistent
from "notices"."marts"."fct_reconciliation"
where is_consistent is null


