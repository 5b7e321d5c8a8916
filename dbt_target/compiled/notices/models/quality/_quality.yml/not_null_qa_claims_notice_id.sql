
    
    



select notice_id
from "notices"."quality"."qa_claims"
where notice_id is null


