"""Dagster wiring, one module per stage; the work itself lives in the library modules."""
