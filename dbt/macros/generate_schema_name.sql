{# Schemas are exactly `staging`, `marts`, `seeds`: analysts type them in BI tools. #}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {{ custom_schema_name if custom_schema_name else target.schema }}
{%- endmacro %}
