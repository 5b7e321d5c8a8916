
    
    



select document_id
from "notices"."raw"."documents"
where document_id is null


