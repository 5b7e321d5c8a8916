with bounds as (
    select
        least(min(inspection_start), min(feedback_date), min(signed_date), min(published_date)) as first_day,
        greatest(max(inspection_end), max(as_of_date), max(signed_date), max(published_date)) as last_day
    from "notices"."marts"."dim_notice"
),

days as (
    select cast(unnest(generate_series(first_day, last_day, interval 1 day)) as date) as date_day
    from bounds
    where first_day is not null
)

select
    date_day,
    year(date_day) as year,
    quarter(date_day) as quarter,
    month(date_day) as month,
    day(date_day) as day,
    weekofyear(date_day) as iso_week,
    isodow(date_day) as iso_weekday
from days