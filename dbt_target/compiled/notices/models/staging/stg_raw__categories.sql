with source as (
    select * from "notices"."raw"."categories"
),

renamed as (
    select
        notice_id,
        cast(category_index as integer) as category_index,
        title as category_title
    from source
)

select * from renamed