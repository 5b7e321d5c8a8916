"""Folders published as a whole: a reader sees the previous set of files or the next, never a mix.

A set (the report's pages, the marts' Parquet files) is written into a new folder
`<name>-<UTC time>` beside its public path, which is a symlink; switching to the new set is one
`os.replace` of that link. The set before is kept for readers still in it; older ones, and sets
of runs that failed before switching, are removed. Web servers and Parquet readers follow the
link; a reader that resolves it once (or opens the folder) reads one consistent set.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .settings import utc_now


def new_version(link: Path) -> Path:
    """An empty folder for the next set of `link`'s files."""
    link.parent.mkdir(parents=True, exist_ok=True)
    folder = link.with_name(f"{link.name}-{utc_now():%Y%m%dT%H%M%S%fZ}")
    folder.mkdir()
    return folder


def switch_to(link: Path, folder: Path) -> None:
    """Point `link` at `folder` in one rename, then remove the sets no reader needs any more."""
    previous = link.readlink().name if link.is_symlink() else None
    if link.exists() and not link.is_symlink():
        shutil.rmtree(link)  # a plain folder (an older layout) cannot be swapped atomically: once
    staged = link.with_name(f".{link.name}.next")
    staged.unlink(missing_ok=True)
    staged.symlink_to(folder.name)  # relative: the data dir can be moved
    os.replace(staged, link)
    for stale in link.parent.glob(f"{link.name}-*"):
        if stale.is_dir() and stale.name not in (folder.name, previous):
            shutil.rmtree(stale, ignore_errors=True)


def discard(folder: Path) -> None:
    """A set that was not switched to (its build failed)."""
    shutil.rmtree(folder, ignore_errors=True)
