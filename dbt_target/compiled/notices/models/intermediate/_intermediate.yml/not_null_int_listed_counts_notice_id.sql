
    
    



select notice_id
from "notices"."intermediate"."int_listed_counts"
where notice_id is null


