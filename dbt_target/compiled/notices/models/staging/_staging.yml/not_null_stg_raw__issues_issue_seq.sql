
    
    



select issue_seq
from "notices"."staging"."stg_raw__issues"
where issue_seq is null


