
-- Fixture for stg_raw__issues
select 
    
    cast('a' as character varying)
 as "notice_id", 
    
    cast(1 as INTEGER)
 as "issue_seq", cast(null as INTEGER) as "category_index", 
    
    cast('招商项目重引轻管' as character varying)
 as "issue_title", cast(null as character varying(256)) as "status", 
    
    cast('已完成整改，建立台账' as character varying)
 as "issue_text", cast(null as character varying(256)) as "responsible_unit"
union all
select 
    
    cast('a' as character varying)
 as "notice_id", 
    
    cast(2 as INTEGER)
 as "issue_seq", cast(null as INTEGER) as "category_index", 
    
    cast('财务报销把关不严' as character varying)
 as "issue_title", cast(null as character varying(256)) as "status", 
    
    cast('修订制度，廉政风险排查' as character varying)
 as "issue_text", cast(null as character varying(256)) as "responsible_unit"
union all
select 
    
    cast('a' as character varying)
 as "notice_id", 
    
    cast(3 as INTEGER)
 as "issue_seq", cast(null as INTEGER) as "category_index", 
    
    cast('工作作风不扎实' as character varying)
 as "issue_title", cast(null as character varying(256)) as "status", 
    
    cast('已完成整改' as character varying)
 as "issue_text", cast(null as character varying(256)) as "responsible_unit"
union all
select 
    
    cast('a' as character varying)
 as "notice_id", 
    
    cast(4 as INTEGER)
 as "issue_seq", cast(null as INTEGER) as "category_index", 
    
    cast('上轮巡察整改不彻底' as character varying)
 as "issue_title", cast(null as character varying(256)) as "status", 
    
    cast('已完成整改' as character varying)
 as "issue_text", cast(null as character varying(256)) as "responsible_unit"
union all
select 
    
    cast('a' as character varying)
 as "notice_id", 
    
    cast(5 as INTEGER)
 as "issue_seq", cast(null as INTEGER) as "category_index", 
    
    cast('上轮巡察问题未清零' as character varying)
 as "issue_title", cast(null as character varying(256)) as "status", 
    
    cast('廉政风险排查' as character varying)
 as "issue_text", cast(null as character varying(256)) as "responsible_unit"
union all
select 
    
    cast('a' as character varying)
 as "notice_id", 
    
    cast(6 as INTEGER)
 as "issue_seq", cast(null as INTEGER) as "category_index", 
    
    cast('制度执行不到位' as character varying)
 as "issue_title", cast(null as character varying(256)) as "status", 
    
    cast('上轮巡察指出的廉政问题' as character varying)
 as "issue_text", cast(null as character varying(256)) as "responsible_unit"