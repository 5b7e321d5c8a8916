
    -- Build actual result given inputs
with dbt_internal_unit_test_actual as (
  select
    "issue_seq","topic_id", 'actual' as "actual_or_expected"
  from (
    
-- depends_on: __dbt__cte__stg_raw__documents
with  __dbt__cte__stg_raw__documents as (

-- Fixture for stg_raw__documents
select cast(null as character varying(256)) as "document_id", cast(null as character varying(256)) as "document_source", cast(null as character varying(256)) as "source_url", cast(null as character varying(256)) as "stored_path", cast(null as character varying(256)) as "content_type", cast(null as BIGINT) as "size_bytes", cast(null as TIMESTAMP) as "first_seen_at", cast(null as TIMESTAMP) as "parsed_at", cast(null as character varying(256)) as "parser_version", cast(null as character varying(256)) as "parse_status", cast(null as character varying(256)) as "parse_error", cast(null as character varying(256)) as "notice_id"
    limit 0
),  __dbt__cte__stg_raw__issues as (

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
),  __dbt__cte__dim_notice as (

-- Fixture for dim_notice
select 
    
    cast('a' as character varying)
 as "notice_id", cast(null as character varying(256)) as "title", cast(null as character varying(256)) as "issuer", cast(null as character varying(256)) as "inspection_kind", cast(null as character varying(256)) as "inspector", cast(null as DATE) as "inspection_start", cast(null as DATE) as "inspection_end", cast(null as DATE) as "feedback_date", cast(null as DATE) as "as_of_date", cast(null as DATE) as "signed_date", cast(null as DATE) as "published_date", cast(null as character varying(256)) as "source_url", cast(null as character varying(256)) as "source_name", cast(null as character varying(256)) as "organization_id", cast(null as character varying(256)) as "inspection_id", cast(null as character varying(256)) as "notice_text", cast(null as character varying(256)) as "detection_reasons"
),  __dbt__cte__stg_raw__categories as (

-- Fixture for stg_raw__categories
select cast(null as character varying(256)) as "notice_id", cast(null as INTEGER) as "category_index", cast(null as character varying(256)) as "category_title"
    limit 0
),  __dbt__cte__stg_raw__measures as (

-- Fixture for stg_raw__measures
select cast(null as character varying(256)) as "notice_id", cast(null as INTEGER) as "issue_seq", cast(null as INTEGER) as "measure_seq", cast(null as character varying(256)) as "measure_text"
    limit 0
),  __dbt__cte__topic_keywords as (

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
), issues as (
    select issues.*
    from __dbt__cte__stg_raw__issues as issues
    inner join __dbt__cte__dim_notice using (notice_id)
    where true
),

categories as (
    select * from __dbt__cte__stg_raw__categories
),

measure_counts as (
    select
        notice_id,
        issue_seq,
        count(*) as measure_count
    from __dbt__cte__stg_raw__measures
    group by notice_id, issue_seq
),

keywords as (
    select * from __dbt__cte__topic_keywords
),

-- The title decides; the text only when no keyword is in the title. Lower priority wins.
title_hits as (
    select
        issues.notice_id,
        issues.issue_seq,
        keywords.topic_id,
        keywords.priority,
        keywords.keyword
    from issues
    inner join keywords on contains(issues.issue_title, keywords.keyword)
),

-- Only the texts of problems whose title holds no keyword are searched: a keyword join over every
-- text (a nested loop, each problem × each keyword) was most of a cold build of this model.
untitled as (
    select
        issues.notice_id,
        issues.issue_seq,
        issues.issue_text
    from issues
    where not exists (
        select 1
        from title_hits
        where title_hits.notice_id = issues.notice_id and title_hits.issue_seq = issues.issue_seq
    )
),

text_hits as (
    select
        untitled.notice_id,
        untitled.issue_seq,
        keywords.topic_id,
        keywords.priority,
        keywords.keyword
    from untitled
    inner join keywords on contains(untitled.issue_text, keywords.keyword)
),

keyword_hits as (
    select
        notice_id,
        issue_seq,
        topic_id,
        row_number() over (
            partition by notice_id, issue_seq order by priority, keyword
        ) as rank_in_issue
    from (
        select * from title_hits
        union all
        select * from text_hits
    ) as hits
)

select
    issues.notice_id || '-' || lpad(cast(issues.issue_seq as varchar), 3, '0') as issue_key,
    issues.notice_id,
    issues.issue_seq,
    issues.category_index,
    categories.category_title,
    issues.issue_title as title,
    issues.status,
    coalesce(keyword_hits.topic_id, 'other') as topic_id,
    coalesce(measure_counts.measure_count, 0) as measure_count,
    issues.issue_text as text,
    issues.responsible_unit
from issues
left join categories using (notice_id, category_index)
left join measure_counts using (notice_id, issue_seq)
left join keyword_hits
    on
        issues.notice_id = keyword_hits.notice_id
        and issues.issue_seq = keyword_hits.issue_seq
        and keyword_hits.rank_in_issue = 1
  ) _dbt_internal_unit_test_actual
),
-- Build expected result
dbt_internal_unit_test_expected as (
  select
    "issue_seq", "topic_id", 'expected' as "actual_or_expected"
  from (
    select 
    
    cast(1 as INTEGER)
 as "issue_seq", 
    
    cast('investment' as character varying)
 as "topic_id"
union all
select 
    
    cast(2 as INTEGER)
 as "issue_seq", 
    
    cast('finance' as character varying)
 as "topic_id"
union all
select 
    
    cast(3 as INTEGER)
 as "issue_seq", 
    
    cast('other' as character varying)
 as "topic_id"
union all
select 
    
    cast(4 as INTEGER)
 as "issue_seq", 
    
    cast('rectification' as character varying)
 as "topic_id"
union all
select 
    
    cast(5 as INTEGER)
 as "issue_seq", 
    
    cast('rectification' as character varying)
 as "topic_id"
union all
select 
    
    cast(6 as INTEGER)
 as "issue_seq", 
    
    cast('discipline' as character varying)
 as "topic_id"
  ) _dbt_internal_unit_test_expected
)
-- Union actual and expected results
select * from dbt_internal_unit_test_actual
union all
select * from dbt_internal_unit_test_expected