
    
    



select fact_name
from "notices"."marts"."fct_evidence"
where fact_name is null


