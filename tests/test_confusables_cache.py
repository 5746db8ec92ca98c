"""TYP013's screen arrays, kept in the user's cache folder (gongwen.analysis.array_cache): a
cached copy is what a fresh build gives, a partial or foreign folder is never used, and a
cache that cannot be written only costs time."""
from __future__ import annotations

import os

import numpy as np
import pytest

from gongwen.analysis import array_cache, char_screen, lexicon, screen_backoff
from gongwen.rules import confusables as C
from support import SEED, run_cli


@pytest.fixture()
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "gongwen"


def _build() -> char_screen.ScreenArrays:
    return char_screen._arrays.__wrapped__(C._SCREEN_NUMERALS, screen_backoff.ON)  # not the process's own copy


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
    assert char_screen._cache_key.__wrapped__(C._SCREEN_NUMERALS, screen_backoff.ON) == key
    assert char_screen._cache_key.__wrapped__(C._SCREEN_NUMERALS[1:], screen_backoff.ON) != key
    monkeypatch.setattr(char_screen, "FORMAT", char_screen.FORMAT + 1)
    assert char_screen._cache_key.__wrapped__(C._SCREEN_NUMERALS, screen_backoff.ON) != key


@pytest.fixture()
def data_copy(tmp_path, monkeypatch):
    """The data files the arrays come from, copied into a folder the lexicon reads, each
    with a time no later write has; the process's keys and bytes forgotten before and after."""
    folder = tmp_path / "data"
    folder.mkdir()
    for name in char_screen._SOURCES + screen_backoff.SOURCES:  # the back-off's, read when it is on
        (folder / name).write_bytes(lexicon.read_binary(name))
        os.utime(folder / name, ns=(10 ** 18, 10 ** 18))
    forgotten = (lexicon.stamp, lexicon.binary, char_screen._cache_key)
    for cached in forgotten:
        cached.cache_clear()
    monkeypatch.setattr(lexicon, "_data", lambda: folder)
    yield folder
    monkeypatch.undo()
    for cached in forgotten:
        cached.cache_clear()


def _key_of_a_new_process() -> str:
    lexicon.stamp.cache_clear()
    return char_screen._cache_key.__wrapped__(C._SCREEN_NUMERALS, screen_backoff.ON)


def _replaced_keeping_times(path):
    """Another file of the same size put in its place with the old one's times (cp -p)."""
    old = path.stat()
    data = path.read_bytes()
    other = path.with_name("other")
    other.write_bytes(data[:-2] + data[-1:] + data[-2:-1])
    os.utime(other, ns=(old.st_atime_ns, old.st_mtime_ns))
    os.replace(other, path)


@pytest.mark.parametrize("change", [lambda p: p.write_bytes(p.read_bytes() + b"\n"),
                                    lambda p: p.write_bytes(p.read_bytes()[:-1]),
                                    lambda p: p.write_bytes(p.read_bytes()[:-2] + p.read_bytes()[-1:] + p.read_bytes()[-2:-1]),
                                    _replaced_keeping_times],
                         ids=["longer", "shorter", "same-size-in-place", "replaced-keeping-times"])
@pytest.mark.parametrize("source", char_screen._SOURCES)
def test_the_key_changes_with_either_data_file(data_copy, source, change):
    """A changed data file can never be served the arrays of the old one: the key names each
    file by its stamp (size, times, inode), not by its bytes, which every process hashed."""
    key = _key_of_a_new_process()
    assert _key_of_a_new_process() == key  # the same files: the same key
    change(data_copy / source)
    assert _key_of_a_new_process() != key


def test_a_changed_data_file_is_not_served_the_kept_arrays(cache_home, data_copy):
    """End to end: the arrays kept for the files as they were are not found for the files as
    they are (the screen builds them again from the new bytes)."""
    _build()
    assert char_screen.cached(C._SCREEN_NUMERALS)
    path = data_copy / char_screen._SOURCES[1]
    path.write_bytes(path.read_bytes() + b"\n")
    lexicon.stamp.cache_clear()
    char_screen._cache_key.cache_clear()
    assert not char_screen.cached(C._SCREEN_NUMERALS)


def test_the_stamp_is_taken_before_the_bytes_are_read(data_copy, monkeypatch):
    """A file changed between the two leaves kept arrays under a stamp no file has any more,
    never the old bytes under the new stamp."""
    order = []
    from gongwen.analysis import table_cache

    stamp, read = table_cache.stamp, lexicon.read_binary
    monkeypatch.setattr(table_cache, "stamp", lambda path: order.append("stamp") or stamp(path))
    monkeypatch.setattr(lexicon, "read_binary", lambda name: order.append("read") or read(name))
    lexicon.binary(char_screen._SOURCES[0])
    char_screen.cache_key(C._SCREEN_NUMERALS)
    assert order[:2] == ["stamp", "read"]


def test_the_key_reads_neither_file(data_copy, monkeypatch):
    """Naming the arrays costs no read nor hash of the 3.3 MB (90 M instructions of every
    process that screened): a process that maps them never holds the files' bytes for it."""
    def unread(name):
        raise AssertionError(f"{name} read for the key")

    monkeypatch.setattr(lexicon, "read_binary", unread)
    assert char_screen.cache_key(C._SCREEN_NUMERALS).startswith("char-screen-")


def test_an_unwritable_cache_only_costs_time(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))  # gongwen/ cannot be made under a file
    arr = _build()
    assert not char_screen.cached(C._SCREEN_NUMERALS)
    assert arr.base == len(arr.unigram) and arr.total > 0
    assert list(tmp_path.iterdir()) == [blocked]  # no temporary folder left behind


def _ran(*args: str, env: dict) -> str:
    done = run_cli("check", "--output-format", "json", "--select", "TYP013", "--jobs", "2", *args, env=env)
    assert done.returncode in (0, 1), done.stderr
    return done.stdout.decode()


def test_no_cache_keeps_the_arrays_and_finds_the_same(tmp_path):
    # --no-cache turns off the findings cache; the arrays derive from the installed data
    # alone (their key names it), so a run with them mapped finds what one building them does
    # two files long enough to be screened (SCREEN_AFTER: the arrays are needed however
    # they are kept), each with a misused character, checked by two forked workers
    text = SEED.read_text(encoding="utf-8")
    text = text * (C.SCREEN_AFTER // len(text) + 1) + "\n深入打好污染防治功坚战。\n"  # once: a word used often is meant
    files = []
    for name in ("a.txt", "b.txt"):
        files.append(tmp_path / name)
        files[-1].write_text(text, encoding="utf-8")
    home = tmp_path / "xdg"
    home.mkdir()
    env = {"XDG_CACHE_HOME": str(home)}
    built = _ran("--no-cache", *map(str, files), env=env)  # no folder yet: built, then kept
    assert '"TYP013"' in built
    assert [p.name.startswith("char-screen-") for p in (home / "gongwen").iterdir() if p.is_dir()] == [True]
    assert _ran("--no-cache", *map(str, files), env=env) == built  # mapped from the folder


def test_a_new_folder_removes_the_older_ones_of_its_kind_but_the_last_used(cache_home):
    oldest, old, new = ("char-screen-" + c * 32 for c in "012")
    array_cache.save(np, oldest, {"a": np.arange(5)})
    array_cache.save(np, old, {"a": np.arange(6)})
    os.utime(cache_home / oldest, (5, 5))
    os.utime(cache_home / old, (10, 10))
    mapped = array_cache.load(np, oldest, ("a",))["a"]  # used just now: the last used
    others = ["other-kind-" + "3" * 32, f"{new}.999.tmp", "char-screen-notakey", "char-screen-" + "4" * 31]
    for name in others:
        (cache_home / name).mkdir()
        os.utime(cache_home / name, (0, 0))
    outside = cache_home.parent / "outside"
    outside.mkdir()
    (cache_home / ("char-screen-" + "5" * 32)).symlink_to(outside)
    (cache_home / ("char-screen-" + "6" * 32)).write_text("a file, not a folder")

    array_cache.save(np, new, {"a": np.arange(7)})

    assert not (cache_home / old).exists()
    assert array_cache.load(np, oldest, ("a",))["a"].tolist() == list(range(5))  # the last used stays
    assert array_cache.load(np, new, ("a",))["a"].tolist() == list(range(7))
    assert all((cache_home / name).is_dir() for name in others)  # not this kind, or not this code's
    assert outside.is_dir() and (cache_home / ("char-screen-" + "6" * 32)).is_file()

    os.utime(cache_home / oldest, (2, 2))
    array_cache.save(np, "char-screen-" + "7" * 32, {"a": np.arange(8)})
    assert not (cache_home / oldest).exists() and (cache_home / new).is_dir()
    assert mapped.tolist() == list(range(5))  # a process mapping removed arrays keeps them
