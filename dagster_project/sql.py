"""SQL text built in Python: the one place a string becomes a quoted SQL literal."""


def literal(text: str) -> str:
    """'text' with its single quotes doubled: for statements that take no parameters (COMMENT ON,
    LOAD, ATTACH, COPY … TO)."""
    return "'" + text.replace("'", "''") + "'"
