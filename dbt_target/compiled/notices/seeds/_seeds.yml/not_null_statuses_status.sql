
    
    



select status
from "notices"."seeds"."statuses"
where status is null


