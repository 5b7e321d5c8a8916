{% macro status_names() %}
  {#- The statuses of the `statuses` seed, in order: the one list of them. A model that calls this
      declares `-- depends_on: {{ ref('statuses') }}` so that the seed is built first. The seed is
      read by its built relation, not through ref(), so that unit tests (where refs are fixtures)
      compile the same model. -#}
  {% if execute %}
    {% set seed = adapter.get_relation(database=target.database, schema='seeds', identifier='statuses') %}
    {% if seed is none %}
      {{ exceptions.raise_compiler_error("the statuses seed is not built yet: run dbt seed") }}
    {% endif %}
    {% set rows = run_query("select status from " ~ seed ~ " order by sort_order") %}
    {{ return(rows.columns[0].values() | list) }}
  {% else %}
    {{ return(['completed']) }}
  {% endif %}
{% endmacro %}
