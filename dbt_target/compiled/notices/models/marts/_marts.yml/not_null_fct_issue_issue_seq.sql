
    
    



select issue_seq
from "notices"."marts"."fct_issue"
where issue_seq is null


