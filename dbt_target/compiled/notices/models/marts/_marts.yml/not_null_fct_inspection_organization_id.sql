
    
    



select organization_id
from "notices"."marts"."fct_inspection"
where organization_id is null


