
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  -- A keyword that nearly every notice's problem text holds (整改, 问题, 巡察 …) files every problem
-- under one topic: such words are not topic keywords.
select topic_id, keyword
from "notices"."seeds"."topic_keywords"
where keyword in ('整改', '问题', '巡视', '巡察', '工作', '落实', '整改落实')
  
  
      
    ) dbt_internal_test