
  
  create view "notices"."staging"."stg_raw__measures__dbt_tmp" as (
    with source as (
    select * from "notices"."raw"."measures"
),

renamed as (
    select
        notice_id,
        cast(issue_seq as integer) as issue_seq,
        cast(measure_seq as integer) as measure_seq,
        text as measure_text
    from source
)

select * from renamed
  );
