"""A route's compiled finder built from what the pattern cache's file keeps (class_routes.
kept_finder, round 28) is the finder built from the pattern: the same constructor arguments
(kind table, members, sequences) and so the same answers; a damaged entry, another version of
the deriving code or an unwritable folder costs a build, never another finder."""
from __future__ import annotations

import json
import random
import re

import pytest

from gongwen.analysis import class_routes, pattern_cache
from gongwen.analysis.class_routes import kept_finder, plain_find, sequences

pytestmark = pytest.mark.skipif(class_routes._class_routes is None, reason="_class_routes not built")

# Written for this test: classes scattered and in ranges, negated, alternations of words,
# bounded repeats, a lookahead, DOTALL's dot.
PATTERNS = [
    re.compile("[0-9０-９〇零一二三四五六七八九十](?=[年月]|[0-9]{3}[./-])"),
    re.compile("(?:不到|不足|将近|接近|约为|超过|约|近)\n?[0-9一二三四五六七八九十百千万]"),
    re.compile("[^，。a-z]{2}[丝丧丰丽义乎乐乙乳事互亚些亞享什今介付仪仲价任伟伪估伸似]"),
    re.compile("“[^”]*“|《[^》]*《|〈"),
    re.compile("(?:19|20)[0-9]{2}[^年]"),
    re.compile(".[\u4e00-\u9fff]{1,2}是", re.DOTALL),
]
ALPHABET = "0123456789０９〇零一二三四五六七八九十百千万年月./-不到足将近接约为超过\n，。az丝丧什是“”《》〈 ab"


@pytest.fixture
def cold(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    for name, value in (("_stored", None), ("_compiled", {}), ("_built", {}), ("_used", {}), ("_derived", {})):
        monkeypatch.setattr(pattern_cache, name, value)
    monkeypatch.setattr(pattern_cache, "_registered", True)  # no atexit from a test
    return tmp_path


def _next_process(monkeypatch):
    for name, value in (("_stored", None), ("_compiled", {}), ("_built", {}), ("_used", {}), ("_derived", {})):
        monkeypatch.setattr(pattern_cache, name, value)


def _not_built(*_):
    raise AssertionError("the finder was built, not read from the file")


def _stored_entries(folder) -> dict:
    return {k: v for k, v in json.loads(next(folder.glob("gongwen/patterns-*.json")).read_text()).items()
            if k.startswith("route-finder-")}


def test_a_kept_finder_is_the_finder_built_from_the_pattern(cold, monkeypatch):
    fresh = [class_routes._finder_parts(sequences(p)) for p in PATTERNS]
    first = [kept_finder(p) for p in PATTERNS]
    pattern_cache.save()
    assert len(_stored_entries(cold)) == len(PATTERNS)

    _next_process(monkeypatch)
    monkeypatch.setattr(class_routes, "_finder_parts", _not_built)
    monkeypatch.setattr(class_routes, "sequences", _not_built)
    entries = _stored_entries(cold)
    read = [class_routes._parts_from_entry(entries[f"route-finder-{class_routes._source_version()} "
                                                  f"{int(p.flags)} {p.pattern}"]) for p in PATTERNS]
    again = [kept_finder(p) for p in PATTERNS]
    monkeypatch.undo()
    assert read == fresh  # the constructor's arguments, byte for byte
    rng = random.Random(28)
    for pattern, one, two in zip(PATTERNS, first, again):
        found = sequences(pattern)
        for _ in range(300):
            text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 30)))
            assert one.find(text) == two.find(text) == plain_find(found, text), (pattern.pattern, text)


@pytest.mark.parametrize("damage", [
    lambda e: [[70000, 3, 1], *e[1:]],  # a run outside the table
    lambda e: [[0, 3, 300], *e[1:]],  # a kind that is no byte
    lambda e: [e[0], e[1], [[99]]],  # a class number the finder refuses
    lambda e: "junk",
])
def test_a_damaged_entry_costs_a_build_not_another_finder(cold, monkeypatch, damage):
    pattern = PATTERNS[0]
    kept_finder(pattern)
    pattern_cache.save()
    path = next(cold.glob("gongwen/patterns-*.json"))
    entries = json.loads(path.read_text())
    key = next(k for k in entries if k.startswith("route-finder-"))
    entries[key] = damage(entries[key])
    path.write_text(json.dumps(entries))
    _next_process(monkeypatch)
    built = []
    real = class_routes._finder_parts
    monkeypatch.setattr(class_routes, "_finder_parts", lambda found: built.append(1) or real(found))
    finder = kept_finder(pattern)
    assert built == [1]
    assert finder.find("二〇二四年") == plain_find(sequences(pattern), "二〇二四年") == 3


def test_another_version_of_the_deriving_code_reads_no_entry(cold, monkeypatch):
    kept_finder(PATTERNS[1])
    pattern_cache.save()
    _next_process(monkeypatch)
    monkeypatch.setattr(class_routes, "_version", ["0123456789abcdef"])
    built = []
    real = class_routes._finder_parts
    monkeypatch.setattr(class_routes, "_finder_parts", lambda found: built.append(1) or real(found))
    kept_finder(PATTERNS[1])
    assert built == [1]


def test_a_route_without_a_finder_keeps_none(cold):
    pattern = re.compile("[𠀀a]b")  # a class beyond the BMP: no compiled finder
    assert kept_finder(pattern) is None
    pattern_cache.save()
    assert not list(cold.glob("gongwen/patterns-*.json")) or not _stored_entries(cold)


def test_the_routes_use_the_kept_finder(cold, monkeypatch):
    route = class_routes.class_route(PATTERNS[4])
    asked = []
    monkeypatch.setattr(class_routes, "kept_finder", lambda p: asked.append(p) or None)
    assert route.search("于2019年和2020，") .group() == "2020，"
    assert asked == [PATTERNS[4]]
