"""The walk of a folder is streamed, one folder's listing at a time, and still yields what a
sort of every found path would: a run over a million pages must not hold them all to sort
them (issue 16 item 5), nor change its output's order to avoid it.

Names are drawn so that the two orders that tempt a streamed walk differ from the sorted
one: ``a`` before ``a-b`` by name, but ``a-b/…`` before ``a/…`` by path (``-`` < ``/``),
and files that fall between a folder's name and its contents (``a.txt``)."""
from __future__ import annotations

import os
import random
from pathlib import Path

from gongwen import sources
from gongwen.sources import InputOptions, display_path, iter_files

NAMES = ["a", "a-b", "a.b", "a b", "a0", "ab", "b", "中", "中文", "a!"]


def _tree(root: Path, rnd: random.Random, depth: int = 0) -> None:
    root.mkdir(parents=True, exist_ok=True)
    for name in rnd.sample(NAMES, rnd.randint(1, 5)):
        if depth < 3 and rnd.random() < 0.5:
            _tree(root / name, rnd, depth + 1)
        else:
            (root / f"{name}.txt").write_text("二〇二四年\n", encoding="utf-8")
    if rnd.random() < 0.3:
        (root / "skip.bin").write_bytes(b"\x00")  # not a suffix the walk picks up


def _keys(items) -> list[str]:
    return [display_path(item) if isinstance(item, Path) else item.path for item in items]


def _walks(tmp_path: Path, seeds: int = 60) -> list[tuple[list[str], set[str]]]:
    runs = []
    for seed in range(seeds):
        root = tmp_path / f"t{seed}"
        _tree(root, random.Random(seed))
        found = {display_path(Path(dirpath) / f) for dirpath, _, files in os.walk(root)
                 for f in files if f.endswith(".txt")}
        runs.append((_keys(iter_files([root], InputOptions(root=tmp_path))), found))
    return runs


def test_streamed_walk_yields_the_sorted_order_and_every_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for keys, found in _walks(tmp_path):
        assert keys == sorted(keys)
        assert set(keys) == found and len(keys) == len(found)


def test_the_check_catches_a_walk_that_orders_folders_by_name(tmp_path, monkeypatch):
    """The order os.walk visits folders in (by name) is the tempting wrong one."""
    monkeypatch.chdir(tmp_path)
    opened = sources._Walk.open

    def by_name(self, here):
        said, entries = opened(self, here)
        return said, sorted(entries, key=lambda entry: (entry[0].rstrip("/"), entry[1]))

    monkeypatch.setattr(sources._Walk, "open", by_name)
    assert any(keys != sorted(keys) for keys, _ in _walks(tmp_path))
