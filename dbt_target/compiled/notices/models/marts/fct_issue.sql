
-- depends_on: "notices"."staging"."stg_raw__documents"
with issues as (
    select issues.*
    from "notices"."staging"."stg_raw__issues" as issues
    inner join "notices"."marts"."dim_notice" using (notice_id)
    where true
),

categories as (
    select * from "notices"."staging"."stg_raw__categories"
),

measure_counts as (
    select
        notice_id,
        issue_seq,
        count(*) as measure_count
    from "notices"."staging"."stg_raw__measures"
    group by notice_id, issue_seq
),

keywords as (
    select * from "notices"."seeds"."topic_keywords"
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