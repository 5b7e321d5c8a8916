
    

    create  table
      "notices"."marts"."fct_parser_warning"
  
    
    as (
      
-- depends_on: "notices"."staging"."stg_raw__documents"
-- What the parser repaired or doubted in each notice: where to look before quoting a number.
select
    warnings.notice_id,
    warnings.warning_seq,
    warnings.warning_message
from "notices"."staging"."stg_raw__warnings" as warnings
inner join "notices"."marts"."dim_notice" using (notice_id)
where true
    );
    
  
  