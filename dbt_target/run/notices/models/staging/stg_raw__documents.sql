
  
  create view "notices"."staging"."stg_raw__documents__dbt_tmp" as (
    with source as (
    select * from "notices"."raw"."documents"
),

renamed as (
    select
        document_id,
        source as document_source,
        url as source_url,
        stored_path,
        content_type,
        size_bytes,
        first_seen_at,
        parsed_at,
        parser_version,
        parse_status,
        parse_error,
        notice_id
    from source
)

select * from renamed
  );
