
-- Fixture for int_stated_periods
select 
    
    cast('a1' as character varying)
 as "notice_id", 
    
    cast('在为期两个月集中整改期内完成整改' as character varying)
 as "stated_period_text", 
    
    cast(2 as INTEGER)
 as "stated_months"
union all
select 
    
    cast('a2' as character varying)
 as "notice_id", cast(null as character varying(256)) as "stated_period_text", cast(null as INTEGER) as "stated_months"
union all
select 
    
    cast('b1' as character varying)
 as "notice_id", cast(null as character varying(256)) as "stated_period_text", cast(null as INTEGER) as "stated_months"