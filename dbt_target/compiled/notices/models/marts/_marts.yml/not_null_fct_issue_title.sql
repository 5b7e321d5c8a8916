
    
    



select title
from "notices"."marts"."fct_issue"
where title is null


