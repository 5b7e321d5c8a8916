
    
    



select organization_id
from "notices"."marts"."dim_organization"
where organization_id is null


