"""Content-addressed storage of fetched bodies under raw/pages/<sha[:2]>/<sha><ext>, never overwritten."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..files import write_atomically

_EXTENSIONS = {
    "text/html": ".html",
    "application/pdf": ".pdf",
    "text/plain": ".txt",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/msword": ".doc",
}


def extension_for(content_type: str | None, url: str) -> str:
    mime = (content_type or "").split(";")[0].strip().lower()
    if mime in _EXTENSIONS:
        return _EXTENSIONS[mime]
    suffix = Path(url.split("?")[0]).suffix.lower()
    return suffix if suffix in {".html", ".htm", ".shtml", ".pdf", ".docx", ".doc", ".txt"} else ".html"


def store_body(pages_dir: Path, body: bytes, content_type: str | None, url: str) -> tuple[str, Path]:
    """(sha256, path); an existing file of the same content is left as it is."""
    sha = hashlib.sha256(body).hexdigest()
    path = pages_dir / sha[:2] / f"{sha}{extension_for(content_type, url)}"
    if not path.exists():
        write_atomically(path, body)
    return sha, path
