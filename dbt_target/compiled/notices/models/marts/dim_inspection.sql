with inspections as (
    select distinct
        inspection_id,
        inspection_kind,
        inspector
    from "notices"."marts"."dim_notice"
    where inspection_id is not null
)

select
    inspection_id,
    inspection_kind,
    inspector as inspection_group,
    case
        when inspector like '%中央%' then '中央'
        when regexp_matches(inspector, '(省|自治区)委|省委') then '省委'
        when inspector like '%市委%' or inspector like '%州委%' then '市委'
        when inspector like '%县委%' or inspector like '%旗委%' then '县委'
        when inspector like '%区委%' then '区委'
        when inspector like '%党委%' or inspector like '%党组%' then '党委'
        else '其他'
    end as inspection_level,
    case
        when inspector like '%回头看%' then '回头看'
        when inspector like '%专项%' then '专项'
        when inspector like '%联动%' then '联动'
        when inspector like '%提级%' then '提级'
        when inspector like '%机动%' then '机动'
        else '常规'
    end as inspection_type
from inspections