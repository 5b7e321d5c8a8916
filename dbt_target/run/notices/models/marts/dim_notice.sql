
    

    create  table
      "notices"."marts"."dim_notice"
  
    
    as (
      
-- depends_on: "notices"."staging"."stg_raw__documents"
-- Only rectification notices reach the marts; other texts stay in raw.notices, marked.
with notices as (
    select * from "notices"."staging"."stg_raw__notices"
    where is_rectification_notice and true
),

texts as (
    select * from "notices"."staging"."stg_raw__notice_texts"
)

select
    notice_id,
    title,
    issuer,
    inspection_kind,
    inspector,
    inspection_start,
    inspection_end,
    feedback_date,
    as_of_date,
    signed_date,
    published_date,
    source_url,
    source_name,
    case when issuer is not null then md5(replace(replace(regexp_replace(regexp_replace(issuer, '\s', '', 'g'), '^中共', ''), '工作委员会', '工委'), '党工委', '工委')) end as organization_id,
    case when inspector is not null then md5(inspection_kind || '|' || inspector) end as inspection_id,
    texts.notice_text,
    texts.detection_reasons
from notices
left join texts using (notice_id)
    );
    
  
  