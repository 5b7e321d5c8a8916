
-- depends_on: "notices"."staging"."stg_raw__documents"
-- Where each fact of a notice was read: quote it beside the number.
select
    evidence.notice_id,
    evidence.fact_name,
    evidence.evidence_text,
    evidence.start_offset,
    evidence.end_offset
from "notices"."staging"."stg_raw__evidence" as evidence
inner join "notices"."marts"."dim_notice" using (notice_id)
where true