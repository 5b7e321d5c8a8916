{# One spelling per organisation: without the 中共 prefix, 工作委员会 written as 工委, white space removed. #}
{% macro normalised_issuer(column) -%}
    replace(replace(regexp_replace(regexp_replace({{ column }}, '\s', '', 'g'), '^中共', ''), '工作委员会', '工委'), '党工委', '工委')
{%- endmacro %}
