{% macro inspection_key(organization_id, inspection_id, inspection_start, inspection_end) %}
  {#- One inspection: an organisation inspected by one group over one period; null without an
      organisation (a notice that names no issuer belongs to no inspection). A group or period
      the notice does not state is part of the key as an empty string, so such a notice forms its
      own inspection instead of being merged with notices that state them. -#}
  case when {{ organization_id }} is not null then md5(concat_ws('|',
      {{ organization_id }},
      coalesce({{ inspection_id }}, ''),
      coalesce(cast({{ inspection_start }} as varchar), ''),
      coalesce(cast({{ inspection_end }} as varchar), '')))
  end
{% endmacro %}
