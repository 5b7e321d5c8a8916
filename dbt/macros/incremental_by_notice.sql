{% macro loaded_this_run(notice_id_column) %}
  {#- True for the rows of the notices this build loaded, in an incremental run of a model of
      per-notice grain (else true for all). The build file is a copy of the published warehouse,
      so what is new is what was parsed after that warehouse was built (meta.build_info). A
      change of parser or models makes the Dagster asset pass --full-refresh instead. -#}
  {%- if is_incremental() -%}
    {{ notice_id_column }} in (
        select loaded.notice_id
        from {{ ref('stg_raw__documents') }} as loaded
        where
            loaded.notice_id is not null
            and loaded.parsed_at > (select max(build_info.built_at) from meta.build_info as build_info)
    )
  {%- else -%}
    true
  {%- endif -%}
{% endmacro %}


{% macro drop_notices_gone(kept_notices, condition='true') %}
  {#- A post-hook of the incremental models: delete+insert replaces the notices loaded this run,
      and this removes the ones that are gone (a document parsed again may give another notice). -#}
  delete from {{ this }}
  where notice_id not in (select kept.notice_id from {{ kept_notices }} as kept where {{ condition }})
{% endmacro %}
