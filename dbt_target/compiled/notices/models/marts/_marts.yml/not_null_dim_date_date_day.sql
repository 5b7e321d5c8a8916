
    
    



select date_day
from "notices"."marts"."dim_date"
where date_day is null


