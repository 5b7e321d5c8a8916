with source as (
    select * from "notices"."raw"."notice_texts"
),

renamed as (
    select
        notice_id,
        notice_text,
        detection as detection_reasons
    from source
)

select * from renamed