-- One row per rectification notice: its dates and listed problems, for the GX suite `raw_notices`
-- (dates in order, plausible years, a problem list at all).
with listed as (
    select * from "notices"."intermediate"."int_listed_counts"
)

select
    notices.notice_id,
    notices.issuer,
    notices.inspection_kind,
    notices.inspection_start,
    notices.inspection_end,
    notices.feedback_date,
    notices.as_of_date,
    notices.signed_date,
    notices.published_date,
    coalesce(listed.listed_problems, 0) as listed_problems,
    year(notices.inspection_start) as inspection_start_year,
    year(notices.signed_date) as signed_year
from "notices"."marts"."dim_notice" as notices
left join listed using (notice_id)