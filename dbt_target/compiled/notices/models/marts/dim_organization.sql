with issuers as (
    select distinct issuer, replace(replace(regexp_replace(regexp_replace(issuer, '\s', '', 'g'), '^中共', ''), '工作委员会', '工委'), '党工委', '工委') as normalised_name
    from "notices"."marts"."dim_notice"
    where issuer is not null
),

places as (
    select * from "notices"."seeds"."places"
),

matched as (
    select
        issuers.normalised_name,
        min(issuers.issuer) as issuer_name,
        max(case when places.level = 'province' then places.place_name end) as province,
        max(case when places.level = 'city' then places.place_name end) as city,
        max(case when places.level = 'county' then places.place_name end) as district,
        max(case when places.level = 'city' then places.parent_province end) as city_province,
        max(case when places.level = 'county' then places.parent_city end) as county_city,
        max(case when places.level = 'county' then places.parent_province end) as county_province
    from issuers
    left join places on strpos(issuers.normalised_name, places.place_name) > 0
    group by issuers.normalised_name
)

select
    md5(normalised_name) as organization_id,
    normalised_name as organization_name,
    issuer_name,
    coalesce(province, city_province, county_province) as province,
    coalesce(city, county_city) as city,
    district,
    case
        when regexp_matches(normalised_name, '大学|学院|学校') then 'university'
        when regexp_matches(normalised_name, '公司|集团|银行') then 'state_enterprise'
        when regexp_matches(normalised_name, '开发区|高新区|园区|新区|经开区|工委') then 'development_zone'
        when regexp_matches(normalised_name, '(省|市|县|区|州|旗)委') then 'party_committee'
        else 'other'
    end as organization_type
from matched