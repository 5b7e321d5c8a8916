with source as (
    select * from "notices"."raw"."evidence"
),

renamed as (
    select
        notice_id,
        field as fact_name,
        evidence_text,
        start_offset,
        end_offset
    from source
)

select * from renamed