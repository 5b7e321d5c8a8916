
    
    



select parse_status
from "notices"."marts"."fct_document"
where parse_status is null


