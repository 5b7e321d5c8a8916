
    
    



select document_id
from "notices"."marts"."fct_document"
where document_id is null


