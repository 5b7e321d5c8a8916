{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='notice_id',
        post_hook="{{ drop_notices_gone(ref('dim_notice')) }}"
    )
}}
-- depends_on: {{ ref('stg_raw__documents') }}
-- Where each fact of a notice was read: quote it beside the number.
select
    evidence.notice_id,
    evidence.fact_name,
    evidence.evidence_text,
    evidence.start_offset,
    evidence.end_offset
from {{ ref('stg_raw__evidence') }} as evidence
inner join {{ ref('dim_notice') }} using (notice_id)
where {{ loaded_this_run('evidence.notice_id') }}
