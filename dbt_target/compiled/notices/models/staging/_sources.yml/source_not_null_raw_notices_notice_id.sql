
    
    



select notice_id
from "notices"."raw"."notices"
where notice_id is null


