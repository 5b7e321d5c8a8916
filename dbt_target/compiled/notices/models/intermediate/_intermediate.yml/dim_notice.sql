
-- Fixture for dim_notice
select 
    
    cast('a' as character varying)
 as "notice_id", cast(null as character varying(256)) as "title", cast(null as character varying(256)) as "issuer", cast(null as character varying(256)) as "inspection_kind", cast(null as character varying(256)) as "inspector", cast(null as DATE) as "inspection_start", cast(null as DATE) as "inspection_end", cast(null as DATE) as "feedback_date", cast(null as DATE) as "as_of_date", cast(null as DATE) as "signed_date", cast(null as DATE) as "published_date", cast(null as character varying(256)) as "source_url", cast(null as character varying(256)) as "source_name", cast(null as character varying(256)) as "organization_id", cast(null as character varying(256)) as "inspection_id", 
    
    cast('反馈意见后。按照要求，在为期两个月集中整改期内完成整改。下一步继续推进。' as character varying)
 as "notice_text", cast(null as character varying(256)) as "detection_reasons"
union all
select 
    
    cast('b' as character varying)
 as "notice_id", cast(null as character varying(256)) as "title", cast(null as character varying(256)) as "issuer", cast(null as character varying(256)) as "inspection_kind", cast(null as character varying(256)) as "inspector", cast(null as DATE) as "inspection_start", cast(null as DATE) as "inspection_end", cast(null as DATE) as "feedback_date", cast(null as DATE) as "as_of_date", cast(null as DATE) as "signed_date", cast(null as DATE) as "published_date", cast(null as character varying(256)) as "source_url", cast(null as character varying(256)) as "source_name", cast(null as character varying(256)) as "organization_id", cast(null as character varying(256)) as "inspection_id", 
    
    cast('集中整改期为3个月；现将情况通报如下' as character varying)
 as "notice_text", cast(null as character varying(256)) as "detection_reasons"
union all
select 
    
    cast('c' as character varying)
 as "notice_id", cast(null as character varying(256)) as "title", cast(null as character varying(256)) as "issuer", cast(null as character varying(256)) as "inspection_kind", cast(null as character varying(256)) as "inspector", cast(null as DATE) as "inspection_start", cast(null as DATE) as "inspection_end", cast(null as DATE) as "feedback_date", cast(null as DATE) as "as_of_date", cast(null as DATE) as "signed_date", cast(null as DATE) as "published_date", cast(null as character varying(256)) as "source_url", cast(null as character varying(256)) as "source_name", cast(null as character varying(256)) as "organization_id", cast(null as character varying(256)) as "inspection_id", 
    
    cast('集中整改工作已完成。' as character varying)
 as "notice_text", cast(null as character varying(256)) as "detection_reasons"