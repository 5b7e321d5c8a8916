
    

    create  table
      "notices"."marts"."fct_document__dbt_tmp"
  
    
    as (
      -- Every document the pipeline saw and what became of it: a page that failed is a row here, with
-- its one-line reason, never a silent gap.
select
    documents.document_id,
    documents.document_source,
    documents.source_url,
    documents.stored_path,
    documents.content_type,
    documents.size_bytes,
    documents.parse_status,
    documents.parse_error,
    documents.parsed_at,
    notices.notice_id
from "notices"."staging"."stg_raw__documents" as documents
left join "notices"."marts"."dim_notice" as notices on documents.notice_id = notices.notice_id
    );
    
  