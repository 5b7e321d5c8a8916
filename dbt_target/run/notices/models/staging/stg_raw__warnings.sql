
  
  create view "notices"."staging"."stg_raw__warnings__dbt_tmp" as (
    with source as (
    select * from "notices"."raw"."warnings"
),

renamed as (
    select
        notice_id,
        warning_seq,
        message as warning_message
    from source
)

select * from renamed
  );
