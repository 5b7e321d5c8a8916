"""Text normalisation: what copying, site templates and content farms add to a notice.

Every step is a plain string transformation so that it can be tested on its own; the order of
the steps lives in `notice.py`.
"""

from __future__ import annotations

import html
import re

# Full-width forms of ASCII digits, letters and the punctuation that headings and dates use: each
# one character for one, so that offsets in the reading form are offsets in the stored text.
# A chain of str.replace is much faster than str.translate on Chinese text.
_WIDTH_PAIRS = [(chr(0xFF10 + i), str(i)) for i in range(10)]
_WIDTH_PAIRS += [(chr(0xFF21 + i), chr(0x41 + i)) for i in range(26)]
_WIDTH_PAIRS += [(chr(0xFF41 + i), chr(0x61 + i)) for i in range(26)]
_WIDTH_PAIRS += [
    ("（", "("),
    ("）", ")"),
    ("：", ":"),
    ("．", "."),
    ("％", "%"),
    ("－", "-"),
    ("∶", ":"),
    ("﹝", "〔"),
    ("﹞", "〕"),
]
# Invisible characters that copied web text carries inside words (整\u200b改): zero-width spaces and
# joiners, word joiners, soft hyphens, BOMs, bidi controls. Removed before anything is read.
INVISIBLE = (
    "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
_STORED_PAIRS = [("\r\n", "\n"), ("\r", "\n"), ("\u2028", "\n"), ("\u2029", "\n"), ("\u3000", " "), ("\xa0", " ")] + [
    (char, "") for char in INVISIBLE
]
# HTML left in text by copying: entities (double-escaped too: &amp;nbsp;) and line-break tags.
_ENTITY = re.compile(r"&(?:amp;){0,3}(#\d{1,7};|#[xX][0-9a-fA-F]{1,6};|[a-zA-Z]{2,8};)")
_LINE_TAG = re.compile(r"<\s*/?\s*(?:br|p|div|tr|li|h\d)\b[^<>\n]{0,200}>", re.IGNORECASE)
_INLINE_TAG = re.compile(
    r"<\s*/?\s*(?:span|font|strong|b|i|u|td|th|table|tbody|a|img|image)\b[^<>\n]{0,300}>", re.IGNORECASE
)
# Pinyin glosses that traditional-script converters leave inside words: 根據(jù), 進(jìn)駐, 個(gè).
_PINYIN_LETTERS = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê"
_GLOSS = re.compile(
    rf"(?<=[\u4e00-\u9fff])\([{_PINYIN_LETTERS}]{{1,8}}\)|\?[{_PINYIN_LETTERS}]{{0,3}}\?[{_PINYIN_LETTERS}]{{1,8}}\)"
)
# Lines that content farms and document-sharing sites add around a copied notice.
_SPAM_LINE = re.compile(
    r"更多.{0,12}(?:请关注|请访问|尽在)|下载本文|下载文档|本文档由|版权说明|郑重声明|本站部分|声明:?\s*转载|聲明|轉載此文"
    r"|已阅读\d{1,4}页|继续免费阅读|正式会员|完整阅读|阅读全部|需要先登录|本文共计?\d{1,6}字|点击下载|免费下载|"
    r"文档贡献者|原创力文档|版权归原作者|侵权请联系|扫码关注|关注公众号"
)

_PAID_MARKER = re.compile(r"##\s*paid\w*\s*##", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\f\v]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")

# 党 masked as D (D工委, D建, 从严治D). Not a D inside Latin words or codes (3D, VOCs, A、B、C、D类).
# The literal D leads each branch so the regex engine can skip straight to candidates.
_MASKED_PARTY = re.compile(
    r"D(?<![A-Za-z0-9\-、,/]D)(?=[\u4e00-\u9fff])(?![类级档型号区座栋])"
    r"|D(?<=[\u4e00-\u9fff]D)(?![A-Za-z0-9\-])"
)
_CHROME_LINE = re.compile(
    r"^\s*(?:"
    r"(?:关怀版|无障碍|适老化|长者模式|简体|繁體|繁体|English|登录|注册|\s)+$"
    r"|.{0,20}(?:您当前所在位置|当前位置|您的位置|所在位置)[:：]?"
    r"|(?:访问量|浏览次数|阅读次数|点击数|点击量|阅读量|访问次数)\s*[:：]?\s*\d*\s*$"
    r"|.{0,40}(?:字号|字体)\s*[:：]?\s*[【\[]?\s*[大中小]"
    r"|.{0,30}(?:【\s*打印\s*】|打印本页|关闭窗口|【\s*关闭\s*】|分享到)"
    r"|(?:上一篇|下一篇|相关链接|扫一扫)"
    r")"
)
# A short line of page metadata: 编辑:… 发表时间:… 来源:… 浏览次数:
_META_FIELD = (
    r"(?:编辑|作者|来源|发布时间|发表时间|发布日期|发文日期|访问量|浏览次数|阅读次数|点击数|信息来源|责任编辑|文章来源)"
)
_META_LINE = re.compile(rf"^\s*{_META_FIELD}\s*[:：].{{0,150}}$")
# In collapsed text a field's value is only known to end where a space follows it.
_META_INLINE = re.compile(
    rf"{_META_FIELD}\s*[:：]\s*(?:\d{{4}}[-/.年]\d{{1,2}}[-/.月]\d{{1,2}}日?(?:\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?"
    rf"|\d+|[^\s:：]{{0,20}}(?=\s))?"
)
_COLUMN_WORDS = re.compile(
    r"^(?:首页|公告公示|通知公告|信息公开|政务公开|党务公开|工作动态|本级巡视巡察情况|巡视巡察|巡察工作|纪检监察|巡察整改|>|\s)+"
)

_AD_BRACKET = re.compile(r"【[^】\n]{0,16}(?:素材库|代笔|文库|资料库|公文库)[^】\n]{0,8}】")
# Case-folded by hand: re.IGNORECASE makes a scan of Chinese text several times slower.
_AD_WORDS = ("素材", "代笔", "会员", "客服", "网盘", "谨防假冒", "[sS][vV][iI][pP]", "一键", "公众号", "微信号", "接单")
_AD_WORD = re.compile("|".join(_AD_WORDS))


class _Replacements:
    """A chain of str.replace (far faster on Chinese text than str.translate), run only for the
    pairs whose first character the text holds: one scan finds those instead of one per pair."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self.pairs = pairs
        self.first_chars = re.compile("[" + re.escape("".join(sorted({old[0] for old, _ in pairs}))) + "]")

    def apply(self, text: str) -> str:
        present = set(self.first_chars.findall(text))
        for old, new in self.pairs:
            if old[0] in present:
                text = text.replace(old, new)
        return text


_WIDTH = _Replacements(_WIDTH_PAIRS)
_STORED = _Replacements(_STORED_PAIRS)


def normalise_width(text: str) -> str:
    """Full-width ASCII forms as ASCII, one character for one."""
    return _WIDTH.apply(text)


def stored_characters(text: str) -> str:
    """Line ends, wide spaces and invisible characters as the stored text keeps them."""
    return _STORED.apply(text)


def decode_markup(text: str) -> tuple[str, bool]:
    """Entities and stray tags of copied HTML as text; True if there were any."""
    if "&" not in text and "<" not in text:
        return text, False
    decoded = _ENTITY.sub(lambda m: html.unescape("&" + m.group(1)), text)
    decoded = _LINE_TAG.sub("\n", decoded)
    decoded = _INLINE_TAG.sub("", decoded)
    return stored_characters(decoded), decoded != text


_GLOSS_HINT = re.compile(rf"[({{?]\s*[{_PINYIN_LETTERS}]")


def remove_glosses(text: str) -> tuple[str, int]:
    """Drop pinyin glosses inside words; returns the text and how many were dropped."""
    if not _GLOSS_HINT.search(text):
        return text, 0
    return _GLOSS.subn("", text)


# A sharing site's sales or copyright line is short; a paragraph that mentions 版权 is the notice's.
_MAX_SPAM_LINE = 200


def drop_spam_lines(text: str) -> tuple[str, int]:
    """Drop whole lines that are a sharing site's sales or copyright text (never a notice's), and
    the site's 【素材库】 tags put before the notice's own lines."""
    if "【" in text:
        text = _AD_BRACKET.sub("", text)
    if not _SPAM_LINE.search(text):
        return text, 0
    lines = text.split("\n")
    kept = [line for line in lines if not (len(line) < _MAX_SPAM_LINE and _SPAM_LINE.search(line))]
    return "\n".join(kept), len(lines) - len(kept)


def remove_paid_markers(text: str) -> str:
    """Content farms wrap pay-walled parts in ##paidbegin## … ##paidend##, even inside a word."""
    return _PAID_MARKER.sub("", text) if "##" in text else text


def unmask_party(text: str) -> tuple[str, int]:
    """Restore 党 where copies mask it as D; returns the text and how many were restored."""
    if "D" not in text:
        return text, 0
    return _MASKED_PARTY.subn("党", text)


def tidy_whitespace(text: str) -> str:
    lines = [line.strip() for line in _SPACES.sub(" ", text).split("\n")]  # _SPACES never spans a line end
    return _BLANK_LINES.sub("\n", "\n".join(lines)).strip()


# Page chrome is a short line; a paragraph of the notice is longer than any.
MAX_CHROME_LINE = 160


# Every line _CHROME_LINE or _META_LINE matches holds one of these words or is blank: a cheap
# test that spares most lines the two patterns' backtracking over their .{0,40} prefixes.
_CHROME_HINT = re.compile(
    r"位置|访问|浏览|阅读|点击|字号|字体|打印|关闭|分享到|上一篇|下一篇|相关链接|扫一扫|关怀版|无障碍|适老化"
    r"|长者模式|简体|繁體|繁体|English|登录|注册|编辑|作者|来源|发布|发表|发文"
)


def is_chrome_line(line: str) -> bool:
    if len(line) >= MAX_CHROME_LINE or not (line.isspace() or _CHROME_HINT.search(line)):
        return False
    return bool(_CHROME_LINE.match(line) or _META_LINE.match(line))


def is_advert(fragment: str) -> bool:
    """Adverts appended by content-farm copies: a 【…素材库】 tag, or several sales words together."""
    if "【" in fragment and _AD_BRACKET.search(fragment):
        return True
    words: set[str] = set()
    for match in _AD_WORD.finditer(fragment):
        words.add(match.group(0).lower())
        if len(words) >= 2:
            return True
    return False


def strip_chrome_lines(text: str) -> tuple[str, bool]:
    """Drop navigation, metadata and advert lines of a text that still has its line breaks;
    True if an advert was among them."""
    kept, adverts = [], False
    # No line is an advert unless the whole text is one.
    maybe_adverts = is_advert(text)
    for line in text.split("\n"):
        if maybe_adverts and is_advert(line):
            adverts = True
        elif not is_chrome_line(line):
            kept.append(line)
    return "\n".join(kept), adverts


def strip_inline_chrome(head: str) -> str:
    """Metadata fields run together on one line (编辑:… 发表时间:… 来源:…), as in collapsed text."""
    return _META_INLINE.sub(" ", head)


def strip_title_prefix(title: str) -> str:
    """Breadcrumbs and column tags that a collapsed page runs into the title."""
    if "】" in title:
        title = title[title.rfind("】") + 1 :]
    elif "中共" in title[: title.find("关于")]:
        title = title[title.find("中共") :]
    return _COLUMN_WORDS.sub("", title).strip()


def strip_inline_adverts(text: str) -> str:
    """In a text without line breaks, cut each advert from its 【…素材库】 tag to the next sentence end."""
    return re.sub(r"【[^】]{0,16}(?:素材库|代笔|文库)[^】]{0,8}】[^【。!！]*[。!！]?", " ", text)
