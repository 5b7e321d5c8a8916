
    
    



select fetch_id
from "notices"."raw"."fetch_log"
where fetch_id is null


