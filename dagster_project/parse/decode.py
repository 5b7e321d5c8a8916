"""Bytes → text, without mojibake.

Valid UTF-8 is taken as UTF-8. A declared charset (HTTP header or `<meta charset>`) is trusted
only when the bytes decode cleanly with it; the gb2312 and gbk labels mean GB18030, as browsers treat them, because real
pages labelled gb2312 use characters outside gb2312 (e.g. 镕, 喆). Otherwise UTF-8 is tried,
then charset-normalizer's detection.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we can establish."""


_GB_FAMILY = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "ms936", "gb_2312-80", "euc-cn", "hz-gb-2312"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", re.IGNORECASE)
_DETECTABLE = ("gb18030", "big5", "hz")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def normalise_charset(label: str | None) -> str | None:
    """The codec to use for a declared label; None when Python does not know the label."""
    if not label:
        return None
    label = label.strip().lower()
    if label in _GB_FAMILY:
        return "gb18030"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def charset_from_content_type(content_type: str | None) -> str | None:
    match = _HEADER_CHARSET.search(content_type or "")
    return match.group(1) if match else None


def sniff_meta_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KB, if any."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "ignore") if match else None


def looks_binary(data: bytes) -> bool:
    """NUL bytes do not occur in text in any single-byte or multi-byte CJK encoding."""
    sample = data[:8192]
    return b"\x00" in sample and not sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


_IMPLAUSIBLE = re.compile(r"[^\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2000-\u206f\x20-\x7e\s]")


# A wrong codec shows within the first few thousand characters; a real page of Chinese text has
# few characters outside Chinese, ASCII and their punctuation (names in rare scripts, symbols).
_PLAUSIBLE_SAMPLE = 4000
_MAX_IMPLAUSIBLE_SHARE = 0.15


def _plausible(text: str) -> bool:
    """Mostly Chinese, ASCII and their punctuation: anything else is a wrong reading of the bytes."""
    sample = text[:_PLAUSIBLE_SAMPLE]
    return bool(sample) and len(_IMPLAUSIBLE.findall(sample)) <= _MAX_IMPLAUSIBLE_SHARE * len(sample)


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode `data`; returns (text, codec used). Raises UndecodableError."""
    text, codec = _decode(data, declared)
    if not _plausible(text):
        raise UndecodableError(f"undecodable bytes: no encoding gives readable text (best guess {codec})")
    return text, codec


def _decode(data: bytes, declared: str | None) -> tuple[str, str]:
    if looks_binary(data):
        raise UndecodableError("binary content (NUL bytes), not text")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = _strict(data, codec)
            if text is not None:
                return text, codec
    # Valid multi-byte UTF-8 almost never arises by chance from GBK bytes, while UTF-8 bytes
    # often decode "cleanly" as GB18030 into mojibake: so UTF-8 goes first, whatever is declared.
    candidates = ["utf-8", normalise_charset(declared), normalise_charset(sniff_meta_charset(data))]
    for codec in dict.fromkeys(c for c in candidates if c):
        text = _strict(data, codec)
        if text is not None:
            return text, codec
    # Notices are Chinese: a Latin or Cyrillic reading of non-UTF-8 bytes would only be mojibake.
    best = from_bytes(data, cp_isolation=list(_DETECTABLE)).best()
    if best is None or best.encoding is None:
        raise UndecodableError("undecodable bytes: no encoding fits")
    codec = normalise_charset(best.encoding) or best.encoding
    text = _strict(data, codec)
    if text is None:
        raise UndecodableError(f"undecodable bytes: detected {best.encoding} but the bytes do not fit it")
    return text, codec
