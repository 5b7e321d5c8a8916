"""The file suffixes the parser reads, by format: a module of its own, so that the scan, which
decides from a name alone, does not import the extraction."""

from __future__ import annotations

SUPPORTED_SUFFIXES = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".doc": "doc",
}
