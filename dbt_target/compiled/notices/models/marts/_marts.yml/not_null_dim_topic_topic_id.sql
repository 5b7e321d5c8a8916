
    
    



select topic_id
from "notices"."marts"."dim_topic"
where topic_id is null


