select
    topic_id,
    topic_name_zh,
    topic_name_en,
    description
from "notices"."seeds"."topics"