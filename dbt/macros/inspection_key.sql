{% macro inspection_key(organization_id, inspection_id, inspection_start, inspection_end) %}
  {#- One inspection: an organisation inspected by one group over one period. Missing parts are
      part of the key as empty strings, so notices that state less are not merged with those that
      state more unless everything they do state agrees. -#}
  md5(concat_ws('|',
      {{ organization_id }},
      coalesce({{ inspection_id }}, ''),
      coalesce(cast({{ inspection_start }} as varchar), ''),
      coalesce(cast({{ inspection_end }} as varchar), '')))
{% endmacro %}
