
-- depends_on: __dbt__cte__stg_raw__documents
with  __dbt__cte__stg_raw__documents as (

-- Fixture for stg_raw__documents
select cast(null as character varying(256)) as "document_id", cast(null as character varying(256)) as "document_source", cast(null as character varying(256)) as "source_url", cast(null as character varying(256)) as "stored_path", cast(null as character varying(256)) as "content_type", cast(null as BIGINT) as "size_bytes", cast(null as TIMESTAMP) as "first_seen_at", cast(null as TIMESTAMP) as "parsed_at", cast(null as character varying(256)) as "parser_version", cast(null as character varying(256)) as "parse_status", cast(null as character varying(256)) as "parse_error", cast(null as character varying(256)) as "notice_id"
    limit 0
),  __dbt__cte__stg_raw__claims as (

-- Fixture for stg_raw__claims
select 
    
    cast('a' as character varying)
 as "notice_id", 
    
    cast('main' as character varying)
 as "claim_scope", 
    
    cast(29 as INTEGER)
 as "claimed_total", cast(null as character varying(256)) as "total_unit", cast(null as INTEGER) as "claimed_problems", cast(null as INTEGER) as "claimed_aspects", 
    
    cast(26 as INTEGER)
 as "completed", 
    
    cast(3 as INTEGER)
 as "basically_completed", cast(null as INTEGER) as "in_progress", cast(null as INTEGER) as "not_completed", cast(null as INTEGER) as "long_term", cast(null as DOUBLE) as "completion_rate_pct", cast(null as character varying(256)) as "completion_rate_written", cast(null as INTEGER) as "claimed_measures", cast(null as INTEGER) as "claimed_rules_made"
union all
select 
    
    cast('a' as character varying)
 as "notice_id", 
    
    cast('立行立改' as character varying)
 as "claim_scope", 
    
    cast(5 as INTEGER)
 as "claimed_total", cast(null as character varying(256)) as "total_unit", cast(null as INTEGER) as "claimed_problems", cast(null as INTEGER) as "claimed_aspects", 
    
    cast(5 as INTEGER)
 as "completed", cast(null as INTEGER) as "basically_completed", cast(null as INTEGER) as "in_progress", cast(null as INTEGER) as "not_completed", cast(null as INTEGER) as "long_term", cast(null as DOUBLE) as "completion_rate_pct", cast(null as character varying(256)) as "completion_rate_written", cast(null as INTEGER) as "claimed_measures", cast(null as INTEGER) as "claimed_rules_made"
),  __dbt__cte__dim_notice as (

-- Fixture for dim_notice
select 
    
    cast('a' as character varying)
 as "notice_id", cast(null as character varying(256)) as "title", cast(null as character varying(256)) as "issuer", cast(null as character varying(256)) as "inspection_kind", cast(null as character varying(256)) as "inspector", cast(null as DATE) as "inspection_start", cast(null as DATE) as "inspection_end", cast(null as DATE) as "feedback_date", cast(null as DATE) as "as_of_date", cast(null as DATE) as "signed_date", cast(null as DATE) as "published_date", cast(null as character varying(256)) as "source_url", cast(null as character varying(256)) as "source_name", cast(null as character varying(256)) as "organization_id", cast(null as character varying(256)) as "inspection_id", cast(null as character varying(256)) as "notice_text", cast(null as character varying(256)) as "detection_reasons"
),  __dbt__cte__stg_raw__evidence as (

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
), claims as (
    select claims.*
    from __dbt__cte__stg_raw__claims as claims
    inner join __dbt__cte__dim_notice using (notice_id)
    where true
),

unpivoted as (
    unpivot claims
    on completed, basically_completed, in_progress, not_completed, long_term
    into name status value claimed_count
),

-- The parser quotes the sentence of the headline summary only (scope 'main'). The scope is a
-- column joined on, not a constant in the join: `claim_scope = 'main'` in the left join's condition
-- made DuckDB join every claim with every quote (a nested loop: 12 s of a 10,000-notice build).
evidence as (
    select
        notice_id,
        'main' as claim_scope,
        replace(fact_name, 'claims.', '') as status,
        evidence_text,
        start_offset,
        end_offset
    from __dbt__cte__stg_raw__evidence
    where fact_name like 'claims.%'
)

select
    unpivoted.notice_id,
    unpivoted.claim_scope,
    unpivoted.status,
    unpivoted.claimed_count,
    unpivoted.claimed_total,
    unpivoted.total_unit,
    unpivoted.claimed_problems,
    evidence.evidence_text,
    evidence.start_offset as evidence_start,
    evidence.end_offset as evidence_end
from unpivoted
left join evidence
    on
        unpivoted.notice_id = evidence.notice_id
        and unpivoted.claim_scope = evidence.claim_scope
        and unpivoted.status = evidence.status
where unpivoted.claimed_count is not null