"""Facts → DuckDB raw tables, in bulk (Polars frames through Arrow), delete-and-insert so reruns are safe."""
