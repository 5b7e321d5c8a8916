
    
    



select fetch_id
from "notices"."staging"."stg_raw__fetch_log"
where fetch_id is null


