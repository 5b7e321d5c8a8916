
    
    



select notice_id
from "notices"."staging"."stg_raw__notices"
where notice_id is null


