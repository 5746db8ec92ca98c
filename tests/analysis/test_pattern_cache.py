"""Patterns built from the programs kept in the user's cache folder are the patterns compiled
from source; a damaged, planted or unwritable cache costs a compile, never a wrong pattern
or a failed run."""
from __future__ import annotations

import json
import random
import re

import pytest
import regex

from gongwen.analysis import pattern_cache

# Written for this test: the kinds of pattern the rules compile (CJK classes, named groups,
# backreferences, lookbehinds, verbose and case-insensitive flags, regex's properties).
RE_PATTERNS = [
    (r"(?P<y>[12][0-9]{3})年(?P<m>1[0-2]|[1-9])月", 0),
    (r"(?=([\u4e00-\u9fff]{2,4})\1)(?!(.)\2{3})", 0),
    (r"(?<![0-9０-９])[0-9]+(?:\.[0-9]+)?%", 0),
    (r"""
        (?P<head>第[一二三四五六七八九十]+)   # an ordinal
        (?:次|届)                             # its measure word
     """, re.VERBOSE),
    (r"abc|ABD", re.IGNORECASE),
    (r"^[ \t\u3000]*(?:[一二三四五六七八九十]{1,3}、)", re.MULTILINE),
]
REGEX_PATTERNS = [
    (r"(?<=\p{Han})(?P<n>[0-9]+)(?=\p{Han})", 0),
    (r"(?:中华人民共和国|国务院|全国人大常委会)(?!办公厅)", 0),
    (r"(\p{Han}{2,4})\1", regex.V1),
    (r"(?i)gongwen-\d+", 0),
]
ALPHABET = "0123456789.%年月日第次届一二三四五六七八九十、中华人民共和国国务院办公厅abcABD \t\u3000\n"


@pytest.fixture
def cold(tmp_path, monkeypatch):
    """A process's first use, with the cache folder at tmp_path."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(pattern_cache, "_stored", None)
    monkeypatch.setattr(pattern_cache, "_compiled", {})
    monkeypatch.setattr(pattern_cache, "_built", {})
    monkeypatch.setattr(pattern_cache, "_used", {})
    monkeypatch.setattr(pattern_cache, "_derived", {})  # (round 28: the routes' finders kept)
    monkeypatch.setattr(pattern_cache, "_registered", True)  # no atexit from a test
    return tmp_path


def next_process(monkeypatch):
    for name, value in (("_stored", None), ("_compiled", {}), ("_built", {}), ("_used", {}), ("_derived", {})):
        monkeypatch.setattr(pattern_cache, name, value)


def texts(count: int = 300) -> list[str]:
    rng = random.Random(16)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 40))) for _ in range(count)]


def test_a_pattern_built_from_the_file_is_the_pattern_compiled_from_source(cold, monkeypatch):
    for pattern, flags in RE_PATTERNS:
        assert pattern_cache.re_compile(pattern, flags) == re.compile(pattern, flags)
    for pattern, flags in REGEX_PATTERNS:
        pattern_cache.regex_compile(pattern, flags)
    pattern_cache.save()
    stored = json.loads(next(cold.glob("gongwen/patterns-*.json")).read_text())
    assert len(stored) == len(RE_PATTERNS) + len(REGEX_PATTERNS)

    next_process(monkeypatch)
    monkeypatch.setattr(re, "compile", None)  # built from the file, not compiled
    monkeypatch.setattr(regex, "compile", None)
    built = [pattern_cache.re_compile(p, f) for p, f in RE_PATTERNS]
    built_regex = [pattern_cache.regex_compile(p, f) for p, f in REGEX_PATTERNS]
    monkeypatch.undo()
    for (pattern, flags), got in zip(RE_PATTERNS, built):
        want = re.compile(pattern, flags)
        assert got == want and got.groupindex == want.groupindex  # == compares the programs
    for (pattern, flags), got in zip(REGEX_PATTERNS, built_regex):
        want = regex.compile(pattern, flags)
        assert got._pickled_data == want._pickled_data
        for text in texts():
            assert [m.span() for m in got.finditer(text)] == [m.span() for m in want.finditer(text)]


def test_the_same_pattern_asked_again_is_not_built_again(cold):
    first = pattern_cache.re_compile(*RE_PATTERNS[0])
    assert pattern_cache.re_compile(*RE_PATTERNS[0]) is first


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"re 0 a+": [1, 2]}', '{"re 0 a+": [0, "AAAA", 0, {}, []]}'])
def test_a_damaged_file_costs_a_compile(cold, monkeypatch, content):
    pattern_cache.re_compile("a+")
    pattern_cache.save()
    path = next(cold.glob("gongwen/patterns-*.json"))
    path.write_text(content)
    next_process(monkeypatch)
    assert pattern_cache.re_compile("a+") == re.compile("a+")


def test_an_unwritable_folder_costs_a_compile(tmp_path, cold, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # gongwen/ cannot be made under a file
    assert pattern_cache.re_compile("b+") == re.compile("b+")
    pattern_cache.save()  # silently not
    assert blocker.read_text() == ""


def test_saving_merges_with_what_another_process_wrote(cold, monkeypatch):
    pattern_cache.re_compile("x+")
    pattern_cache.save()
    next_process(monkeypatch)
    pattern_cache._stored = {}  # this process read the file before the other one wrote it
    pattern_cache.re_compile("y+")
    pattern_cache.save()
    stored = json.loads(next(cold.glob("gongwen/patterns-*.json")).read_text())
    assert set(stored) == {"re 0 x+", "re 0 y+"}


def test_a_program_that_does_not_rebuild_its_pattern_is_not_kept(cold, monkeypatch):
    # As if the engine's internals had moved: the program parsed again differs from the
    # compiled pattern's, so nothing is written and the next process compiles from source.
    real = pattern_cache._build_re
    monkeypatch.setattr(pattern_cache, "_build_re", lambda pattern, entry: real("z+", entry))
    pattern_cache.re_compile("q+")
    pattern_cache.save()
    assert not list(cold.glob("gongwen/patterns-*.json"))


def test_a_bytes_pattern_is_compiled_and_not_kept(cold):
    assert pattern_cache.re_compile(rb"(?:\0\0)+") == re.compile(rb"(?:\0\0)+")
    assert pattern_cache.regex_compile(rb"a+").pattern == b"a+"
    pattern_cache.save()
    assert not list(cold.glob("gongwen/patterns-*.json"))


def _stored_keys(folder) -> list[str]:
    return list(json.loads(next(folder.glob("gongwen/patterns-*.json")).read_text()))


def test_a_full_file_makes_room_for_new_patterns_by_dropping_the_least_recently_used(cold, monkeypatch):
    """An upgrade's new patterns are kept even when earlier versions filled the file: the
    entries no process has used for longest go first, and one this process used stays."""
    monkeypatch.setattr(pattern_cache, "MAX_ENTRIES", 3)
    for pattern in ("old1+", "old2+", "old3+"):  # oldest first
        pattern_cache.re_compile(pattern)
    pattern_cache.save()
    next_process(monkeypatch)
    pattern_cache.re_compile("old1+")  # used again: now the most recent of the three
    pattern_cache.re_compile("new+")
    pattern_cache.save()
    assert _stored_keys(cold) == ["re 0 old3+", "re 0 old1+", "re 0 new+"]
    next_process(monkeypatch)
    monkeypatch.setattr(re, "compile", None)  # the new pattern comes from the file
    assert pattern_cache.re_compile("new+").pattern == "new+"


def test_recent_last_keeps_the_order_of_use_and_the_bound(monkeypatch):
    monkeypatch.setattr(pattern_cache, "MAX_ENTRIES", 4)
    entries = {"a": 1, "b": 2, "c": 3, "d": 4}
    assert list(pattern_cache.recent_last(entries, {"b": None}, {"e": 5})) == ["c", "d", "b", "e"]
    assert list(pattern_cache.recent_last(entries, {}, {})) == ["a", "b", "c", "d"]
    assert pattern_cache.recent_last(entries, {"a": None}, {"a": 9}) == {"b": 2, "c": 3, "d": 4, "a": 9}
    fresh = {str(i): i for i in range(6)}
    assert list(pattern_cache.recent_last(entries, {}, fresh)) == ["2", "3", "4", "5"]


def test_a_file_over_the_bound_is_cut_down_by_a_run_that_compiles_nothing(cold, monkeypatch):
    """A file written under a larger bound (4,000 before) shrinks at the next run's exit,
    keeping what that run used, even when every pattern came from the file."""
    monkeypatch.setattr(pattern_cache, "MAX_ENTRIES", 5)
    for i in range(5):
        pattern_cache.re_compile(f"p{i}+")
    pattern_cache.save()
    next_process(monkeypatch)
    monkeypatch.setattr(pattern_cache, "MAX_ENTRIES", 2)
    monkeypatch.setattr(pattern_cache, "_registered", False)
    registered = []
    monkeypatch.setattr("atexit.register", registered.append)
    pattern_cache.re_compile("p0+")  # from the file
    assert registered == [pattern_cache.save] and not pattern_cache._compiled
    pattern_cache.save()
    assert _stored_keys(cold) == ["re 0 p4+", "re 0 p0+"]
    before = next(cold.glob("gongwen/patterns-*.json")).stat().st_mtime_ns
    pattern_cache.save()  # a pool worker's next chunk: nothing more to write
    assert next(cold.glob("gongwen/patterns-*.json")).stat().st_mtime_ns == before
