"""Traditional script → simplified, one character for one, so offsets survive the conversion.

Reposts on Hong Kong, Taiwan and mirror sites carry notices in traditional script (巡視, 整改進展,
個問題). The parser's patterns are written for simplified Chinese, so it reads a simplified copy;
values and evidence are taken from the stored text at the same offsets, as the notice writes them.
OpenCC converts phrase by phrase; where a phrase changes length the text is converted character by
character instead, which keeps the one-to-one mapping.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Characters that occur only in traditional script and are common in notices: a text with a few of
# them is traditional (or mixed) and worth converting; simplified text has none.
_TRADITIONAL_ONLY = frozenset(
    "個們這來時對發當為與於會後說問題據區縣黨組織進見條項書記實際關開應國經過還種將學並覺視饋務紀監"
    "會議細點導領歷樣變總務頭機構級單標準確認證據針線處專業產權責設計劃劃達觀現實經濟財稅務職員"
)
_MIN_TRADITIONAL = 3


@lru_cache(maxsize=1)
def _converter():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s")


_TRADITIONAL_CHAR = re.compile("[" + "".join(sorted(_TRADITIONAL_ONLY)) + "]")


def looks_traditional(text: str) -> bool:
    for count, _ in enumerate(_TRADITIONAL_CHAR.finditer(text), start=1):
        if count >= _MIN_TRADITIONAL:
            return True
    return False


def to_simplified(text: str) -> str:
    """The simplified reading of `text`, of exactly the same length."""
    converter = _converter()
    converted = converter.convert(text)
    if len(converted) == len(text):
        return converted
    chars = []
    for char in text:
        one = converter.convert(char)
        chars.append(one if len(one) == 1 else char)
    return "".join(chars)
