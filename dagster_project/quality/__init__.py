"""Great Expectations suites (files in expectations/) run against the build warehouse."""
