
    
    



select notice_id
from "notices"."staging"."stg_raw__measures"
where notice_id is null


