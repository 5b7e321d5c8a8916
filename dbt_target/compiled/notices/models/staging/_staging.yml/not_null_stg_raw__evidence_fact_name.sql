
    
    



select fact_name
from "notices"."staging"."stg_raw__evidence"
where fact_name is null


