
  
  create view "notices"."staging"."stg_raw__notices__dbt_tmp" as (
    with source as (
    select * from "notices"."raw"."notices"
),

renamed as (
    select
        notice_id,
        document_id,
        source as source_name,
        source_url,
        parser_version,
        title,
        issuer,
        inspection_kind,
        inspector,
        cast(inspection_start as date) as inspection_start,
        cast(inspection_end as date) as inspection_end,
        cast(feedback_date as date) as feedback_date,
        cast(as_of_date as date) as as_of_date,
        cast(signed_date as date) as signed_date,
        cast(published_date as date) as published_date,
        is_rectification_notice
    from source
)

select * from renamed
  );
