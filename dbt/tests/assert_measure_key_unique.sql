-- fct_measure is keyed by (issue_key, measure_seq).
select issue_key, measure_seq, count(*) as rows_per_key
from {{ ref('fct_measure') }}
group by issue_key, measure_seq
having count(*) > 1
