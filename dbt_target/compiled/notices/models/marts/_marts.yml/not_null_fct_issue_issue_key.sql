
    
    



select issue_key
from "notices"."marts"."fct_issue"
where issue_key is null


