"""TYP013's screen arrays, kept in the user's cache folder (gongwen.analysis.array_cache): a
cached copy is what a fresh build gives, a partial or foreign folder is never used, and a
cache that cannot be written only costs time."""
from __future__ import annotations

import numpy as np
import pytest

from gongwen.analysis import array_cache, char_screen
from gongwen.rules import confusables as C


@pytest.fixture()
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "gongwen"


def _build() -> char_screen.ScreenArrays:
    return char_screen.arrays.__wrapped__(C._SCREEN_NUMERALS)  # not the process's own copy


def test_arrays_mapped_from_the_cache_are_the_built_ones(cache_home):
    key = char_screen.cache_key(C._SCREEN_NUMERALS)
    assert not char_screen.cached(C._SCREEN_NUMERALS)
    _build()  # builds and saves
    assert char_screen.cached(C._SCREEN_NUMERALS)
    mapped = array_cache.load(np, key, char_screen._ARRAYS)
    built = char_screen.build_parts(np, C._SCREEN_NUMERALS)
    assert sorted(mapped) == sorted(built) == sorted(char_screen._ARRAYS)
    for name in built:
        assert mapped[name].dtype == built[name].dtype, name
        assert np.array_equal(mapped[name], built[name]), name
        assert type(mapped[name]) is np.ndarray and not mapped[name].flags.writeable, name


def test_a_folder_missing_an_array_is_not_used(cache_home):
    key = char_screen.cache_key(C._SCREEN_NUMERALS)
    _build()
    (cache_home / key / "alternative.npy").unlink()
    assert array_cache.load(np, key, char_screen._ARRAYS) is None
    (cache_home / key / "han.npy").write_bytes(b"not an array")
    assert array_cache.load(np, key, ("han",)) is None
    _build()  # the damaged folder is replaced whole
    assert array_cache.load(np, key, char_screen._ARRAYS) is not None


def test_the_key_names_what_the_arrays_come_from(monkeypatch):
    key = char_screen.cache_key(C._SCREEN_NUMERALS)
    assert char_screen.cache_key.__wrapped__(C._SCREEN_NUMERALS) == key
    assert char_screen.cache_key.__wrapped__(C._SCREEN_NUMERALS[1:]) != key
    monkeypatch.setattr(char_screen, "FORMAT", char_screen.FORMAT + 1)
    assert char_screen.cache_key.__wrapped__(C._SCREEN_NUMERALS) != key


def test_an_unwritable_cache_only_costs_time(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))  # gongwen/ cannot be made under a file
    arr = _build()
    assert not char_screen.cached(C._SCREEN_NUMERALS)
    assert arr.base == len(arr.unigram) and arr.total > 0
    assert list(tmp_path.iterdir()) == [blocked]  # no temporary folder left behind
