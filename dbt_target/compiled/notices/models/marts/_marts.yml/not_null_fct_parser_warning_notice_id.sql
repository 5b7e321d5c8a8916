
    
    



select notice_id
from "notices"."marts"."fct_parser_warning"
where notice_id is null


