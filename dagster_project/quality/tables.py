"""The tables the checks write into the warehouse (named here, apart from validate.py, so that code
which handles the warehouse's tables need not import Great Expectations)."""

# One row per run × expectation, and one per notice an expectation fails for: appended by each run.
RESULTS_TABLE = "quality.expectation_results"
# One row per notice in the marts: the run that last checked it.
CHECKED_TABLE = "quality.checked_notices"
