
    
    



select notice_id
from "notices"."staging"."stg_raw__notice_texts"
where notice_id is null


