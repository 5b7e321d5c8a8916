
  
  create view "notices"."staging"."stg_raw__notice_texts__dbt_tmp" as (
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
  );
