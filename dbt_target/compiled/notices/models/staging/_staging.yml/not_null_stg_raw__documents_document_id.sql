
    
    



select document_id
from "notices"."staging"."stg_raw__documents"
where document_id is null


