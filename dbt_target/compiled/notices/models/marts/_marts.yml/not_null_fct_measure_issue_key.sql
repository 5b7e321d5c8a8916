
    
    



select issue_key
from "notices"."marts"."fct_measure"
where issue_key is null


