
-- Fixture for dim_notice
select 
    
    cast('a' as character varying)
 as "notice_id", cast(null as character varying(256)) as "title", cast(null as character varying(256)) as "issuer", cast(null as character varying(256)) as "inspection_kind", cast(null as character varying(256)) as "inspector", cast(null as DATE) as "inspection_start", cast(null as DATE) as "inspection_end", cast(null as DATE) as "feedback_date", cast(null as DATE) as "as_of_date", cast(null as DATE) as "signed_date", cast(null as DATE) as "published_date", cast(null as character varying(256)) as "source_url", cast(null as character varying(256)) as "source_name", cast(null as character varying(256)) as "organization_id", cast(null as character varying(256)) as "inspection_id", cast(null as character varying(256)) as "notice_text", cast(null as character varying(256)) as "detection_reasons"
union all
select 
    
    cast('b' as character varying)
 as "notice_id", cast(null as character varying(256)) as "title", cast(null as character varying(256)) as "issuer", cast(null as character varying(256)) as "inspection_kind", cast(null as character varying(256)) as "inspector", cast(null as DATE) as "inspection_start", cast(null as DATE) as "inspection_end", cast(null as DATE) as "feedback_date", cast(null as DATE) as "as_of_date", cast(null as DATE) as "signed_date", cast(null as DATE) as "published_date", cast(null as character varying(256)) as "source_url", cast(null as character varying(256)) as "source_name", cast(null as character varying(256)) as "organization_id", cast(null as character varying(256)) as "inspection_id", cast(null as character varying(256)) as "notice_text", cast(null as character varying(256)) as "detection_reasons"
union all
select 
    
    cast('c' as character varying)
 as "notice_id", cast(null as character varying(256)) as "title", cast(null as character varying(256)) as "issuer", cast(null as character varying(256)) as "inspection_kind", cast(null as character varying(256)) as "inspector", cast(null as DATE) as "inspection_start", cast(null as DATE) as "inspection_end", cast(null as DATE) as "feedback_date", cast(null as DATE) as "as_of_date", cast(null as DATE) as "signed_date", cast(null as DATE) as "published_date", cast(null as character varying(256)) as "source_url", cast(null as character varying(256)) as "source_name", cast(null as character varying(256)) as "organization_id", cast(null as character varying(256)) as "inspection_id", cast(null as character varying(256)) as "notice_text", cast(null as character varying(256)) as "detection_reasons"