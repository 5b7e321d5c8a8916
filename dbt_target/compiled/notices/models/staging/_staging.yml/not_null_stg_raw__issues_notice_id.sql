
    
    



select notice_id
from "notices"."staging"."stg_raw__issues"
where notice_id is null


