
    
    



select notice_id
from "notices"."marts"."rpt_notice_progress"
where notice_id is null


