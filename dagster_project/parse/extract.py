"""Document bytes → plain text, whatever the format (.txt, .html, .pdf, .docx).

HTML pages keep their own heading and publication line apart from the main text (they usually sit
outside the content container), because trafilatura's metadata often takes the site name for a
title, and htmldate misreads `发布时间：2024年03月15日` (it can return 2024-01-01): the page's own
publication line is read by `header.published_in_lines` first and htmldate is only a fallback whose
answer must appear on the page. The main content is `content.py`'s.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import PurePath

from .content import main_content, render, table_lines
from .dates import complete, find_dates
from .decode import UndecodableError, charset_from_content_type, decode_bytes, looks_binary
from .formats import SUPPORTED_SUFFIXES
from .header import published_in_lines


class ExtractError(ValueError):
    """The document's bytes cannot be turned into text (one-line message for users)."""


@dataclass(frozen=True)
class ExtractedText:
    text: str
    format: str
    encoding: str | None = None
    page_title: str | None = None
    published_date: date | None = None
    # The page's heading and publication line when they sit outside the main content: the parser
    # reads them, and quotes them as evidence, from the text, so they are put before it.
    header: tuple[str, ...] = ()


_HEADING_HINT = re.compile(r"关于|通报|整改|巡视|巡察")
_TITLE_SPLIT = re.compile(r"\s*[_|｜\-—–]+\s*")


def detect_format(data: bytes, name: str, content_type: str | None) -> str:
    """What the bytes are: their magic number first, then the file name, then the HTTP type."""
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK") and b"word/" in data[:65536]:
        return "docx"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "doc"
    suffix = PurePath(name).suffix.lower()
    if suffix in SUPPORTED_SUFFIXES:
        return SUPPORTED_SUFFIXES[suffix]
    ctype = (content_type or "").lower()
    head = data[:1024].lstrip().lower()
    if "pdf" in ctype:
        return "pdf"
    if "wordprocessingml" in ctype:
        return "docx"
    if "msword" in ctype:
        return "doc"
    if "html" in ctype or head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    return "txt"


def extract_text(data: bytes, name: str = "", content_type: str | None = None) -> ExtractedText:
    """Plain text of a document; raises ExtractError with a one-line reason."""
    if not data.strip():
        raise ExtractError("empty document")
    fmt = detect_format(data, name, content_type)
    if fmt == "pdf":
        return ExtractedText(_pdf_text(data), "pdf")
    if fmt == "docx":
        return ExtractedText(_docx_text(data), "docx")
    if fmt == "doc":
        raise ExtractError("legacy Word .doc is not supported; save it as .docx or PDF")
    if looks_binary(data):
        raise ExtractError("binary file, not a text, HTML, PDF or DOCX document")
    try:
        text, encoding = decode_bytes(data, charset_from_content_type(content_type))
    except UndecodableError as error:
        raise ExtractError(str(error)) from None
    if fmt == "html":
        return _html_text(text, encoding)
    return ExtractedText(text, "txt", encoding)


def _pdf_text(data: bytes) -> str:
    """Text of each page in reading order, its tables rendered as table lines (problem tables as
    problems): pdfplumber finds the tables, whose cells pypdf would run together."""
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return "\n".join(_pdf_page_text(page) for page in pdf.pages)
    except (PdfminerException, PDFSyntaxError, PSException, ValueError, KeyError, TypeError, OSError) as error:
        raise ExtractError(f"unreadable PDF: {' '.join(str(error).split()) or type(error).__name__}") from None


def _pdf_page_text(page) -> str:  # type: ignore[no-untyped-def]
    parts: list[str] = []
    top = 0.0
    for table in sorted(page.find_tables(), key=lambda found: found.bbox[1]):
        x0, table_top, x1, bottom = table.bbox
        if table_top > top:
            parts.append(_pdf_paragraphs(page.crop((0, top, page.width, table_top))))
        parts.extend(table_lines([[cell or "" for cell in row] for row in table.extract()]))
        top = max(top, bottom)
    if top < page.height:
        parts.append(_pdf_paragraphs(page.crop((0, top, page.width, page.height))))
    return "\n".join(part for part in parts if part)


# A PDF line that reaches this close to the region's right margin was wrapped, not ended.
_WRAP_MARGIN_CHARS = 1.5


def _pdf_paragraphs(region) -> str:  # type: ignore[no-untyped-def]
    """A region's text as paragraphs: visual lines that run to the right margin are joined with
    the next, so that a sentence wrapped by the layout is one line again."""
    lines = region.extract_text_lines()
    if not lines:
        return ""
    right = max(line["x1"] for line in lines)
    out: list[str] = []
    joining = False
    for line in lines:
        text = line["text"].strip()
        char_width = (line["x1"] - line["x0"]) / max(1, len(text))
        if joining and out:
            out[-1] += text
        else:
            out.append(text)
        joining = line["x1"] >= right - _WRAP_MARGIN_CHARS * char_width and not text.endswith(("。", "：", ":"))
    return "\n".join(out)


def _docx_text(data: bytes) -> str:
    """Paragraphs and tables in document order; tables as table lines (problem tables as problems)."""
    import zipfile

    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ExtractError(f"unreadable DOCX: {error}") from None
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            lines.append(Paragraph(child, document).text)
        elif child.tag.endswith("}tbl"):
            table = Table(child, document)
            lines.extend(table_lines([[cell.text for cell in row.cells] for row in table.rows]))
    return "\n".join(lines)


@lru_cache(maxsize=1)
def _trafilatura_config():  # type: ignore[no-untyped-def]
    from trafilatura.settings import use_config

    config = use_config()
    # Short notices would otherwise fall back to the whole page, chrome included.
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "50")
    config.set("DEFAULT", "MIN_OUTPUT_SIZE", "10")
    # The timeout is signal-based and fails outside the main thread (Dagster runs ops in threads).
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


def _html_text(html: str, encoding: str) -> ExtractedText:
    import lxml.html
    import trafilatura

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError) as error:
        raise ExtractError(f"unreadable HTML: {error}") from None
    for node in tree.xpath("//script|//style|//noscript"):
        node.drop_tree()
    page_text = tree.text_content()
    container = main_content(tree)
    body = render(container) if container is not None else ""
    if not body.strip():  # no container stands out: trafilatura's general extraction
        body = (
            trafilatura.extract(
                html,
                config=_trafilatura_config(),
                include_tables=True,
                include_comments=False,
                favor_recall=True,
                deduplicate=False,
            )
            or ""
        )
    if not body.strip():
        body = page_text
    heading = _page_heading(tree)
    published = published_in_lines(render(tree).split("\n")) or _checked_htmldate(page_text, html)
    header = tuple(line for line in (heading, published[1] if published else None) if line)
    return ExtractedText(body, "html", encoding, heading, published[0] if published else None, header)


# A notice title is a phrase (关于…的通报: at least 6 characters) and never a paragraph.
_MIN_HEADING, _MAX_HEADING = 6, 120


def _page_heading(tree) -> str | None:  # type: ignore[no-untyped-def]
    """The article's own heading: an h1-h3 (or *title* element) that reads like a notice title."""
    candidates = tree.xpath(
        "//h1|//h2|//h3|//*[contains(@class,'title') or contains(@id,'title')"
        " or contains(@class,'Title') or contains(@class,'bt')]"
    )
    for node in candidates:
        text = " ".join(node.text_content().split())
        if _MIN_HEADING <= len(text) <= _MAX_HEADING and _HEADING_HINT.search(text):
            return text
    titles = tree.xpath("//title")
    if titles:
        parts = [part for part in _TITLE_SPLIT.split(titles[0].text_content().strip()) if part]
        hinted = [part for part in parts if _HEADING_HINT.search(part)]
        if hinted:
            return max(hinted, key=len)
    return None


def _checked_htmldate(page_text: str, html: str) -> tuple[date, str] | None:
    """htmldate's guess, kept only if the page itself shows that date (with the words it shows)."""
    from htmldate import find_date

    try:
        guess = find_date(html, original_date=True, extensive_search=False)
    except (ValueError, TypeError):
        return None
    if not guess:
        return None
    found = date.fromisoformat(guess)
    for mention in find_dates(page_text):
        if mention.is_full and complete(mention, None)[0] == found:
            return found, page_text[mention.start : mention.end]
    return None
