
    
    



select expected_days
from "notices"."seeds"."rectification_periods"
where expected_days is null


