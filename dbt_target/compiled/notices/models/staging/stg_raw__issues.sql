with source as (
    select * from "notices"."raw"."issues"
),

renamed as (
    select
        notice_id,
        cast(issue_seq as integer) as issue_seq,
        cast(category_index as integer) as category_index,
        title as issue_title,
        status,
        text as issue_text,
        responsible_unit
    from source
)

select * from renamed