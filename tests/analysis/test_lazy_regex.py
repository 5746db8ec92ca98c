"""A lazily compiled pattern is the compiled pattern, only later."""
from __future__ import annotations

import pickle
import random

import regex

from gongwen.analysis import lazy_regex, pattern_cache

SOURCE = r"(?<![0-9])(?P<year>(?:19|20)[0-9]{2})年(?:(?P<month>1[0-2]|[1-9])月)?"
TEXTS = ["2024年3月", "12024年", "截至2025年12月31日，2023年", "", "年月"]


def _compiles():
    """A list, and a stand-in for the compile a lazy pattern asks for (pattern_cache's, which
    builds it from the cache file or compiles it) that records each pattern in it (each test
    here uses a source no other test compiled)."""
    seen: list[str] = []
    original = pattern_cache.regex_compile

    def spy(pattern, *args, **kwargs):
        seen.append(pattern)
        return original(pattern, *args, **kwargs)

    return seen, spy


def test_nothing_is_compiled_until_first_use_and_pattern_needs_no_compile(monkeypatch):
    seen, spy = _compiles()
    monkeypatch.setattr(pattern_cache, "regex_compile", spy)
    p = lazy_regex.compile(SOURCE + "a")
    assert p.pattern == SOURCE + "a" and seen == []  # patterns are built from others' .pattern
    p.search("2024年a")
    p.finditer("2024年a")
    assert seen == [SOURCE + "a"]  # once, however often it is used


def test_every_method_gives_what_the_compiled_pattern_gives():
    lazy, eager = lazy_regex.compile(SOURCE), regex.compile(SOURCE)
    for text in TEXTS:
        assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in eager.finditer(text)]
        assert lazy.findall(text) == eager.findall(text)
        assert lazy.sub("Y", text) == eager.sub("Y", text)
        assert lazy.split(text) == eager.split(text)
        for method in ("search", "match", "fullmatch"):
            a, b = getattr(lazy, method)(text), getattr(eager, method)(text)
            assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict()))
    assert (lazy.groups, lazy.groupindex, lazy.flags) == (eager.groups, eager.groupindex, eager.flags)


def test_flags_and_named_lists_are_passed_through():
    p = lazy_regex.compile(r"\L<words>  # verbose: this is a comment", regex.VERBOSE, words=["甲乙", "丙"])
    assert [m.group() for m in p.finditer("甲乙丙丁")] == ["甲乙", "丙"]


def test_after_first_use_methods_are_plain_attributes():
    # Hot loops call P.search millions of times: no Python-level __getattr__ once compiled.
    p = lazy_regex.compile(SOURCE + "b")
    p.search("")
    assert "search" in vars(p) and vars(p)["compiled"].pattern == SOURCE + "b"


def test_an_unknown_attribute_is_an_attribute_error_not_a_compile():
    p = lazy_regex.compile("(")  # would not compile
    try:
        p.no_such_method  # noqa: B018
    except AttributeError:
        pass
    else:
        raise AssertionError("expected AttributeError")


def test_pickles_for_worker_processes_compiled_or_not():
    for used in (False, True):
        p = lazy_regex.compile(SOURCE, regex.IGNORECASE)
        if used:
            p.search("x")
        q = pickle.loads(pickle.dumps(p))
        text = "".join(random.Random(used).choice("2019年12月0") for _ in range(200))
        assert [m.span() for m in q.finditer(text)] == [m.span() for m in regex.compile(SOURCE).finditer(text)]
        assert q.flags == p.flags


def test_a_stdlib_stand_in_compiles_once_on_first_use_and_answers_as_re(monkeypatch):
    import re

    seen: list[str] = []
    original = pattern_cache.re_compile
    monkeypatch.setattr(pattern_cache, "re_compile", lambda p, *a: seen.append(p) or original(p, *a))
    source = SOURCE + "c"
    lazy, eager = lazy_regex.stdlib(source), re.compile(source)
    assert seen == [] and lazy.pattern == source
    for text in TEXTS + ["2024年c", "1999年12月c"]:
        for method in ("search", "match", "fullmatch"):
            a, b = getattr(lazy, method)(text), getattr(eager, method)(text)
            assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict()))
        assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in eager.finditer(text)]
        assert lazy.sub("Y", text) == eager.sub("Y", text) and lazy.findall(text) == eager.findall(text)
    assert seen == [source] and lazy.groupindex == eager.groupindex
    assert vars(lazy)["search"] == lazy.compiled.search  # the compiled pattern's own method from then on
    assert lazy.compiled == eager  # == compares the programs
    assert pickle.loads(pickle.dumps(lazy)).match("2024年c").span() == (0, 6)
