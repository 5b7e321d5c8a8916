
    
    



select topic_id
from "notices"."seeds"."topic_keywords"
where topic_id is null


