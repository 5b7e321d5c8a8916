
    
    



select notice_id
from "notices"."quality"."qa_notice_dates"
where notice_id is null


