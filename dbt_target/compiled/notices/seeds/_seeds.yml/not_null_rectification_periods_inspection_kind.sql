
    
    



select inspection_kind
from "notices"."seeds"."rectification_periods"
where inspection_kind is null


