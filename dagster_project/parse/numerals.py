"""Numbers as notices write them: 29, ２９, 二十九, 两, 二〇二三."""

from __future__ import annotations

from functools import lru_cache

import cn2an

CN_DIGITS = "零〇一二两三四五六七八九十百千"
# Longest numeral read as a count. Bounded, and anchored at the start and end of its run, so that
# a hostile run of 100,000 digits costs each pattern one linear scan instead of a quadratic one.
MAX_ARABIC_DIGITS = 7
MAX_CHINESE_NUMERALS = 10
# A regex fragment for one count as written, in Arabic or Chinese numerals.
NUMBER = (
    rf"(?:(?<!\d)\d{{1,{MAX_ARABIC_DIGITS}}}(?!\d)"
    rf"|(?<![{CN_DIGITS}])[{CN_DIGITS}]{{1,{MAX_CHINESE_NUMERALS}}}(?![{CN_DIGITS}]))"
)


@lru_cache(maxsize=4096)
def to_int(token: str) -> int | None:
    """The integer a numeral token stands for; None when it is not a numeral."""
    token = token.strip()
    if not token:
        return None
    if token.isdigit():
        return int(token)
    try:
        value = cn2an.cn2an(token, "smart")
    except (ValueError, KeyError, IndexError):
        return None
    return int(value) if float(value).is_integer() else None
