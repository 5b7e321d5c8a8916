
-- Fixture for stg_raw__claims
select 
    
    cast('a' as character varying)
 as "notice_id", 
    
    cast('main' as character varying)
 as "claim_scope", 
    
    cast(29 as INTEGER)
 as "claimed_total", 
    
    cast('项具体问题' as character varying)
 as "total_unit", 
    
    cast(29 as INTEGER)
 as "claimed_problems", cast(null as INTEGER) as "claimed_aspects", 
    
    cast(26 as INTEGER)
 as "completed", cast(null as INTEGER) as "basically_completed", cast(null as INTEGER) as "in_progress", cast(null as INTEGER) as "not_completed", cast(null as INTEGER) as "long_term", 
    
    cast(89.65 as DOUBLE)
 as "completion_rate_pct", 
    
    cast('89.65' as character varying)
 as "completion_rate_written", cast(null as INTEGER) as "claimed_measures", cast(null as INTEGER) as "claimed_rules_made"
union all
select 
    
    cast('b' as character varying)
 as "notice_id", 
    
    cast('main' as character varying)
 as "claim_scope", 
    
    cast(29 as INTEGER)
 as "claimed_total", 
    
    cast('项具体问题' as character varying)
 as "total_unit", 
    
    cast(29 as INTEGER)
 as "claimed_problems", cast(null as INTEGER) as "claimed_aspects", 
    
    cast(26 as INTEGER)
 as "completed", cast(null as INTEGER) as "basically_completed", cast(null as INTEGER) as "in_progress", cast(null as INTEGER) as "not_completed", cast(null as INTEGER) as "long_term", 
    
    cast(89.66 as DOUBLE)
 as "completion_rate_pct", 
    
    cast('89.66' as character varying)
 as "completion_rate_written", cast(null as INTEGER) as "claimed_measures", cast(null as INTEGER) as "claimed_rules_made"
union all
select 
    
    cast('c' as character varying)
 as "notice_id", 
    
    cast('main' as character varying)
 as "claim_scope", 
    
    cast(29 as INTEGER)
 as "claimed_total", 
    
    cast('项具体问题' as character varying)
 as "total_unit", 
    
    cast(29 as INTEGER)
 as "claimed_problems", cast(null as INTEGER) as "claimed_aspects", 
    
    cast(26 as INTEGER)
 as "completed", cast(null as INTEGER) as "basically_completed", cast(null as INTEGER) as "in_progress", cast(null as INTEGER) as "not_completed", cast(null as INTEGER) as "long_term", 
    
    cast(89.7 as DOUBLE)
 as "completion_rate_pct", 
    
    cast('89.70' as character varying)
 as "completion_rate_written", cast(null as INTEGER) as "claimed_measures", cast(null as INTEGER) as "claimed_rules_made"