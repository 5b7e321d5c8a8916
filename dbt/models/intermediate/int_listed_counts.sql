-- depends_on: {{ ref('statuses') }}
-- What each notice's body lists: its problems, and how many of them sit in each status.
select
    notice_id,
    count(*) as listed_problems,
    count(status) as listed_with_status,
{%- for status in status_names() %}
    count(*) filter (where status = '{{ status }}') as {{ status }}{{ "," if not loop.last }}
{%- endfor %}
from {{ ref('fct_issue') }}
group by notice_id
