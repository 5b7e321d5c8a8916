{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='notice_id',
        post_hook="{{ drop_notices_gone(ref('stg_raw__notices'), 'kept.is_rectification_notice') }}"
    )
}}
-- depends_on: {{ ref('stg_raw__documents') }}
-- Only rectification notices reach the marts; other texts stay in raw.notices, marked.
with notices as (
    select * from {{ ref('stg_raw__notices') }}
    where is_rectification_notice and {{ loaded_this_run('notice_id') }}
),

texts as (
    select * from {{ ref('stg_raw__notice_texts') }}
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
    case when issuer is not null then md5({{ normalised_issuer('issuer') }}) end as organization_id,
    case when inspector is not null then md5(inspection_kind || '|' || inspector) end as inspection_id,
    texts.notice_text,
    texts.detection_reasons
from notices
left join texts using (notice_id)
