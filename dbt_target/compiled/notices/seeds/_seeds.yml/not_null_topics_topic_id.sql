
    
    



select topic_id
from "notices"."seeds"."topics"
where topic_id is null


