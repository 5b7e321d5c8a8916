{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='notice_id',
        post_hook="{{ drop_notices_gone(ref('dim_notice')) }}"
    )
}}
-- depends_on: {{ ref('stg_raw__documents') }}
select
    issues.issue_key,
    measures.notice_id,
    measures.issue_seq,
    measures.measure_seq,
    measures.measure_text as text
from {{ ref('stg_raw__measures') }} as measures
inner join {{ ref('fct_issue') }} as issues using (notice_id, issue_seq)
where {{ loaded_this_run('measures.notice_id') }}
