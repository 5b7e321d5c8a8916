"""A set of files published as a whole: the symlink switch readers see."""

from __future__ import annotations

from pathlib import Path

from dagster_project import folders


def _set(link: Path, text: str) -> Path:
    folder = folders.new_version(link)
    (folder / "index.html").write_text(text, encoding="utf-8")
    return folder


def test_switching_replaces_the_whole_set_and_keeps_the_one_before(tmp_path: Path) -> None:
    link = tmp_path / "report"
    first = _set(link, "first")
    (first / "gone.html").write_text("only in the first", encoding="utf-8")
    folders.switch_to(link, first)
    second = _set(link, "second")
    folders.switch_to(link, second)
    assert link.is_symlink() and link.readlink() == Path(second.name)  # relative: the data dir can move
    assert sorted(p.name for p in link.iterdir()) == ["index.html"]
    assert (link / "index.html").read_text(encoding="utf-8") == "second"
    assert first.is_dir()  # a reader may still be in it
    third = _set(link, "third")
    folders.switch_to(link, third)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["report", second.name, third.name])


def test_a_set_never_switched_to_is_removed_by_the_next_switch(tmp_path: Path) -> None:
    link = tmp_path / "parquet"
    current = _set(link, "current")
    folders.switch_to(link, current)
    failed = _set(link, "half")  # a run that died before switching
    latest = _set(link, "latest")
    folders.switch_to(link, latest)
    assert not failed.exists() and current.exists()
    assert (link / "index.html").read_text(encoding="utf-8") == "latest"


def test_a_plain_folder_of_an_older_layout_is_replaced_by_the_link(tmp_path: Path) -> None:
    link = tmp_path / "report"
    link.mkdir()
    (link / "index.html").write_text("old layout", encoding="utf-8")
    folders.switch_to(link, _set(link, "new"))
    assert link.is_symlink() and (link / "index.html").read_text(encoding="utf-8") == "new"


def test_discard_removes_a_failed_set(tmp_path: Path) -> None:
    folder = _set(tmp_path / "report", "half")
    folders.discard(folder)
    assert list(tmp_path.iterdir()) == []
