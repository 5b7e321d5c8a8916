
    
    



select notice_id
from "notices"."staging"."stg_raw__warnings"
where notice_id is null


