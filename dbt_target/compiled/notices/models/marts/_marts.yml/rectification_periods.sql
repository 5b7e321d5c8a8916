
-- Fixture for rectification_periods
select 
    
    cast('巡察' as character varying)
 as "inspection_kind", 
    
    cast(90 as INTEGER)
 as "expected_days", 
    
    cast('default' as character varying)
 as "basis"