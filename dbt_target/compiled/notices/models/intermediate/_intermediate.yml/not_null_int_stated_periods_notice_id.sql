
    
    



select notice_id
from "notices"."intermediate"."int_stated_periods"
where notice_id is null


