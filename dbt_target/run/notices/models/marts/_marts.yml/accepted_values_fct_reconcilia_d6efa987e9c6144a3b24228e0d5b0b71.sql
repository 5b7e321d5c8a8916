
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    

with all_values as (

    select
        check_name as value_field,
        count(*) as n_records

    from "notices"."marts"."fct_reconciliation"
    group by check_name

)

select *
from all_values
where value_field not in (
    'completed','basically_completed','in_progress','not_completed','long_term','problems','completion_rate'
)



  
  
      
    ) dbt_internal_test