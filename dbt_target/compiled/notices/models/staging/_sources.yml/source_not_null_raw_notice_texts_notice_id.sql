
    
    



select notice_id
from "notices"."raw"."notice_texts"
where notice_id is null


