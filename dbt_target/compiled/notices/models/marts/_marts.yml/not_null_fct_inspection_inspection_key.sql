
    
    



select inspection_key
from "notices"."marts"."fct_inspection"
where inspection_key is null


