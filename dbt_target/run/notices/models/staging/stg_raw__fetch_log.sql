
  
  create view "notices"."staging"."stg_raw__fetch_log__dbt_tmp" as (
    with source as (
    select * from "notices"."raw"."fetch_log"
),

renamed as (
    select
        fetch_id,
        source as crawl_source,
        url,
        final_url,
        kind as page_kind,
        http_status,
        fetched_at,
        sha256 as body_sha256,
        encoding,
        content_type,
        stored_path,
        outcome as fetch_outcome,
        error as fetch_error
    from source
)

select * from renamed
  );
