
-- Fixture for statuses
select 
    
    cast('completed' as character varying)
 as "status", 
    
    cast('1' as INTEGER)
 as "sort_order", 
    
    cast('已完成' as character varying)
 as "label_zh", 
    
    cast(null as character varying(256))
 as "meaning"
union all
select 
    
    cast('basically_completed' as character varying)
 as "status", 
    
    cast('2' as INTEGER)
 as "sort_order", 
    
    cast('基本完成' as character varying)
 as "label_zh", 
    
    cast(null as character varying(256))
 as "meaning"
union all
select 
    
    cast('in_progress' as character varying)
 as "status", 
    
    cast('3' as INTEGER)
 as "sort_order", 
    
    cast('正在推进' as character varying)
 as "label_zh", 
    
    cast(null as character varying(256))
 as "meaning"
union all
select 
    
    cast('not_completed' as character varying)
 as "status", 
    
    cast('4' as INTEGER)
 as "sort_order", 
    
    cast('未完成' as character varying)
 as "label_zh", 
    
    cast(null as character varying(256))
 as "meaning"
union all
select 
    
    cast('long_term' as character varying)
 as "status", 
    
    cast('5' as INTEGER)
 as "sort_order", 
    
    cast('长期坚持' as character varying)
 as "label_zh", 
    
    cast(null as character varying(256))
 as "meaning"