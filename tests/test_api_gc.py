"""``lint_files`` keeps the garbage collector paused from a file's read to its release (resumed
between them, its first collection traversed every unit the reader had made only to find it
alive). It must give the collector back exactly as the caller had it, and cyclic garbage made
while paused must still be collected file by file: memory stays bounded over a long run."""
from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest

from gongwen import api

PAGE = "关于二〇二四年工作的报告\n" + "一、推进重点工作，完成年度任务。\n" * 40


@pytest.fixture
def collecting():
    was, threshold = gc.isenabled(), gc.get_threshold()
    gc.enable()
    yield
    gc.set_threshold(*threshold)
    gc.enable() if was else gc.disable()


def _files(folder: Path, count: int) -> list[Path]:
    paths = []
    for n in range(count):
        path = folder / f"r{n:03d}.txt"
        path.write_text(PAGE, encoding="utf-8")
        paths.append(path)
    return paths


def _collector_seen(doc, found) -> bool:
    return gc.isenabled()


def test_the_collector_is_paused_through_read_lint_and_prepare_and_resumed_after(tmp_path, collecting):
    seen = list(api.lint_files(_files(tmp_path, 3), api.make_linter(), jobs=1, prepare=_collector_seen))
    assert seen == [False, False, False] and gc.isenabled()


def test_a_collector_turned_off_by_the_caller_stays_off_and_its_thresholds_are_kept(tmp_path, collecting):
    gc.disable()
    gc.set_threshold(5000, 7, 3)
    list(api.lint_files(_files(tmp_path, 2), api.make_linter(), jobs=1, prepare=_collector_seen))
    assert not gc.isenabled() and gc.get_threshold() == (5000, 7, 3)


def test_the_collector_is_resumed_when_reading_a_file_fails(tmp_path, collecting, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("boom")

    monkeypatch.setattr(api, "read_path", broken)
    with pytest.raises(OSError):
        list(api.lint_files(_files(tmp_path, 1), api.make_linter(), jobs=1))
    assert gc.isenabled()


class _Cycle:
    def __init__(self):
        self.me = self


def test_cycles_made_while_paused_are_collected_file_by_file(tmp_path, collecting):
    # Each file leaves a cycle behind (as lxml and readability do); none is collected
    # explicitly here. Were the pause to leak past its file, all 150 would stay alive.
    alive = []

    def leave_a_cycle(doc, found):
        alive.append(weakref.ref(_Cycle()))
        return len(found)

    for _ in api.lint_files(_files(tmp_path, 150), api.make_linter(), jobs=1, prepare=leave_a_cycle):
        pass
    assert len(alive) == 150
    assert sum(ref() is not None for ref in alive) < 10
