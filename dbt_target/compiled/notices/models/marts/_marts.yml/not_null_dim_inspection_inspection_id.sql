
    
    



select inspection_id
from "notices"."marts"."dim_inspection"
where inspection_id is null


