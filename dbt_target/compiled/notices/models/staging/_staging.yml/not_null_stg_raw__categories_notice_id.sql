
    
    



select notice_id
from "notices"."staging"."stg_raw__categories"
where notice_id is null


