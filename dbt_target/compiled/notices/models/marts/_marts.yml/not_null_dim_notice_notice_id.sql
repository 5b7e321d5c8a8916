
    
    



select notice_id
from "notices"."marts"."dim_notice"
where notice_id is null


