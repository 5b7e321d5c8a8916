
  
  create view "notices"."intermediate"."int_listed_counts__dbt_tmp" as (
    -- depends_on: "notices"."seeds"."statuses"
-- What each notice's body lists: its problems, and how many of them sit in each status.
select
    notice_id,
    count(*) as listed_problems,
    count(status) as listed_with_status,
    count(*) filter (where status = 'completed') as completed,
    count(*) filter (where status = 'basically_completed') as basically_completed,
    count(*) filter (where status = 'in_progress') as in_progress,
    count(*) filter (where status = 'not_completed') as not_completed,
    count(*) filter (where status = 'long_term') as long_term
from "notices"."marts"."fct_issue"
group by notice_id
  );
