
    
    



select notice_id
from "notices"."staging"."stg_raw__claims"
where notice_id is null


