
-- Fixture for topic_keywords
select 
    
    cast('investment' as character varying)
 as "topic_id", 
    
    cast('招商' as character varying)
 as "keyword", 
    
    cast('2' as INTEGER)
 as "priority"
union all
select 
    
    cast('finance' as character varying)
 as "topic_id", 
    
    cast('财务' as character varying)
 as "keyword", 
    
    cast('2' as INTEGER)
 as "priority"
union all
select 
    
    cast('discipline' as character varying)
 as "topic_id", 
    
    cast('廉政' as character varying)
 as "keyword", 
    
    cast('2' as INTEGER)
 as "priority"
union all
select 
    
    cast('rectification' as character varying)
 as "topic_id", 
    
    cast('上轮巡察' as character varying)
 as "keyword", 
    
    cast('9' as INTEGER)
 as "priority"