
-- Fixture for stg_raw__evidence
select 
    
    cast('a' as character varying)
 as "notice_id", 
    
    cast('claims.completed' as character varying)
 as "fact_name", 
    
    cast('已完成26个' as character varying)
 as "evidence_text", 
    
    cast(40 as INTEGER)
 as "start_offset", 
    
    cast(46 as INTEGER)
 as "end_offset"
union all
select 
    
    cast('a' as character varying)
 as "notice_id", 
    
    cast('title' as character varying)
 as "fact_name", 
    
    cast('关于巡察整改进展情况的通报' as character varying)
 as "evidence_text", 
    
    cast(0 as INTEGER)
 as "start_offset", 
    
    cast(13 as INTEGER)
 as "end_offset"