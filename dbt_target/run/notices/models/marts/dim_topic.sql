
    

    create  table
      "notices"."marts"."dim_topic__dbt_tmp"
  
    
    as (
      select
    topic_id,
    topic_name_zh,
    topic_name_en,
    description
from "notices"."seeds"."topics"
    );
    
  