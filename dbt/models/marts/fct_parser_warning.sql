{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='notice_id',
        post_hook="{{ drop_notices_gone(ref('dim_notice')) }}"
    )
}}
-- depends_on: {{ ref('stg_raw__documents') }}
-- What the parser repaired or doubted in each notice: where to look before quoting a number.
select
    warnings.notice_id,
    warnings.warning_seq,
    warnings.warning_message
from {{ ref('stg_raw__warnings') }} as warnings
inner join {{ ref('dim_notice') }} using (notice_id)
where {{ loaded_this_run('warnings.notice_id') }}
