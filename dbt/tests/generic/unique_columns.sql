{% test unique_columns(model, columns) %}
-- A composite key: no two rows share the values of all these columns.
select
    {{ columns | join(', ') }},
    count(*) as rows_with_this_key
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1
{% endtest %}
