"""The TOML tables kept parsed in the user's cache folder (gongwen.analysis.table_cache): read
back equal to what tomllib parses (dates and times too), never stale, never trusted when
damaged, and not kept when they would not read back equal."""
from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path

import pytest

from gongwen import user_folder
from gongwen.analysis import lexicon, table_cache


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "gongwen"


def test_every_table_reads_back_as_tomllib_parses_it(folder):
    names = [name for name in lexicon.names() if name.endswith(".toml")]
    assert len(names) > 10
    for name in names:
        text = lexicon.text(name)
        expected = tomllib.loads(text)
        assert table_cache.parsed(name, text) == expected  # parsed and kept
        assert (folder / table_cache.file_name(name, text)).is_file(), name
        again = table_cache.parsed(name, text)  # read back from the file
        assert again == expected and json.dumps(again, default=str) == json.dumps(expected, default=str), name


TABLE = 'checked = 2024-05-01\nat = 2024-05-01T08:30:00+08:00\nlocal = 1979-05-27T07:32:00\nclock = 07:32:00.5\n' \
        '[[entry]]\nname = "甲"\nsize = 3\nshare = 0.25\nflag = true\n'


def test_dates_and_times_come_back_as_dates_and_times(folder):
    table_cache.parsed("t.toml", TABLE)
    back = table_cache.parsed("t.toml", TABLE)
    assert back == tomllib.loads(TABLE)
    assert [type(back[k]).__name__ for k in ("checked", "at", "local", "clock")] == ["date", "datetime", "datetime", "time"]


@pytest.mark.parametrize("damage", ["", "[1, 2]", "{", '{"checked": {"\\u0000date": "not a date"}}', "\x00\xff"])
def test_a_damaged_file_is_parsed_again_and_written_over(folder, damage):
    path = folder / table_cache.file_name("t.toml", TABLE)
    folder.mkdir(parents=True)
    path.write_text(damage, encoding="utf-8", errors="surrogateescape")
    assert table_cache.parsed("t.toml", TABLE) == tomllib.loads(TABLE)
    assert json.loads(path.read_text(encoding="utf-8"), object_hook=table_cache._untagged) == tomllib.loads(TABLE)


def test_an_edited_table_is_another_file_and_the_older_ones_go(folder):
    texts = [f"n = {i}\n" for i in range(4)]
    for text in texts:
        assert table_cache.parsed("t.toml", text) == tomllib.loads(text)
    kept = sorted(p.name for p in folder.iterdir())
    assert len(kept) == 1 + user_folder.KEPT_OTHERS
    assert table_cache.file_name("t.toml", texts[-1]) in kept
    (folder / "table-other-0123456789abcdef0123456789abcdef.json").write_text("{}")
    table_cache.parsed("t.toml", "n = 9\n")
    assert (folder / "table-other-0123456789abcdef0123456789abcdef.json").exists()  # another table's


def test_a_table_that_would_not_read_back_equal_is_not_kept(folder):
    text = 'x = { "\\u0000date" = "2024-05-01" }\n'  # an object of the tag's own form, as data
    assert table_cache.parsed("t.toml", text) == {"x": {"\x00date": "2024-05-01"}}
    assert not (folder / table_cache.file_name("t.toml", text)).exists()
    assert table_cache.parsed("t.toml", text) == {"x": {"\x00date": "2024-05-01"}}


def test_an_unwritable_folder_parses_every_time(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))  # gongwen/ cannot be made under a file
    assert table_cache.parsed("t.toml", TABLE) == tomllib.loads(TABLE)
    assert not Path(blocked, "gongwen").exists()


# derived: values built from files, named by the files' stamps (size, times, inode).

def _derive(sources, built):
    def build():
        built.append(1)
        return {"lines": [p.read_text(encoding="utf-8") for p in sources]}

    return table_cache.derived("words", 1, [table_cache.stamp(p) for p in sources], build)


@pytest.fixture
def sources(tmp_path):
    paths = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for i, path in enumerate(paths):
        path.write_text(f"甲乙{i}\n", encoding="utf-8")
        os.utime(path, ns=(10 ** 18, 10 ** 18))  # a time no later write has
    return paths


def test_a_derived_value_is_built_once_and_read_back(folder, sources):
    built = []
    first = _derive(sources, built)
    assert _derive(sources, built) == first == {"lines": ["甲乙0\n", "甲乙1\n"]}
    assert built == [1]
    assert len(list(folder.glob("table-words-*.json"))) == 1


def _same_size_in_place(path):
    path.write_text(path.read_text(encoding="utf-8").replace("0", "9").replace("1", "8"), encoding="utf-8")


def _replaced_keeping_times(path):
    """Another file put in its place with the old one's times (cp -p, an unpacked archive)."""
    old = path.stat()
    other = path.with_name("other")
    other.write_text(path.read_text(encoding="utf-8").replace("甲", "丙"), encoding="utf-8")
    os.utime(other, ns=(old.st_atime_ns, old.st_mtime_ns))
    os.replace(other, path)
    assert path.stat().st_mtime_ns == old.st_mtime_ns and path.stat().st_size == old.st_size


@pytest.mark.parametrize("change", [lambda p: p.write_text("甲乙丙\n", encoding="utf-8"), _same_size_in_place,
                                    _replaced_keeping_times], ids=["size", "same-size", "replaced-keeping-times"])
@pytest.mark.parametrize("which", [0, 1])
def test_a_changed_source_is_never_served_the_old_value(folder, sources, change, which):
    built = []
    _derive(sources, built)
    change(sources[which])
    again = _derive(sources, built)
    assert built == [1, 1]
    assert again == {"lines": [p.read_text(encoding="utf-8") for p in sources]}
    assert len(list(folder.glob("table-words-*.json"))) == 1 + user_folder.KEPT_OTHERS


def test_the_name_holds_the_kind_and_the_version(folder, sources):
    built = []
    _derive(sources, built)
    stamps = [table_cache.stamp(p) for p in sources]
    table_cache.derived("words", 2, stamps, lambda: built.append(2) or {"v": 2})
    table_cache.derived("other", 1, stamps, lambda: built.append(3) or {"v": 3})
    assert built == [1, 2, 3]


@pytest.mark.parametrize("damage", ["", "[1, 2]", "{", "\x00\xff"])
def test_a_damaged_derived_file_is_built_again_and_written_over(folder, sources, damage):
    built = []
    expected = _derive(sources, built)
    (path,) = folder.glob("table-words-*.json")
    path.write_text(damage, encoding="utf-8", errors="surrogateescape")
    assert _derive(sources, built) == expected and built == [1, 1]
    assert json.loads(path.read_text(encoding="utf-8")) == expected


def test_a_source_not_on_disk_is_built_every_time(folder, sources, tmp_path):
    built = []
    missing = [sources[0], tmp_path / "missing.txt"]
    for _ in range(2):
        stamps = [table_cache.stamp(p) for p in missing]
        assert table_cache.derived("words", 1, stamps, lambda: built.append(1) or {"v": 1}) == {"v": 1}
    assert built == [1, 1] and not folder.exists()
    assert table_cache.stamp(tmp_path) is None  # a folder is no file either


def test_an_unwritable_folder_builds_the_derived_value_every_time(tmp_path, monkeypatch, sources):
    blocked = tmp_path / "file"
    blocked.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))  # gongwen/ cannot be made under a file
    built = []
    assert _derive(sources, built) == _derive(sources, built) == {"lines": ["甲乙0\n", "甲乙1\n"]}
    assert built == [1, 1] and not Path(blocked, "gongwen").exists()
