
    
    



select notice_id
from "notices"."staging"."stg_raw__evidence"
where notice_id is null


