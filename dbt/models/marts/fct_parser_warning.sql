-- What the parser repaired or doubted in each notice: where to look before quoting a number.
select
    warnings.notice_id,
    warnings.warning_seq,
    warnings.warning_message
from {{ ref('stg_raw__warnings') }} as warnings
inner join {{ ref('dim_notice') }} using (notice_id)
