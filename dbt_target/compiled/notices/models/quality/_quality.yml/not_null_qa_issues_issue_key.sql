
    
    



select issue_key
from "notices"."quality"."qa_issues"
where issue_key is null


