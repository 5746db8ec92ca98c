"""A route's memos and the route screen key a pattern by a RouteKey hashed by identity: an
``re.Pattern`` hashes its whole compiled program at every hash (gongwen.analysis.route_keys).
A pattern that counts its own hashes is asked for twice without being hashed, and answers as
the plain pattern does."""
from __future__ import annotations

import re

from gongwen.analysis import route_keys, route_screen, routing
from gongwen.document import Document


class _Counted:
    """A pattern that counts how often it is hashed."""

    def __init__(self, source: str) -> None:
        self.compiled = re.compile(source)
        self.pattern = source
        self.hashes = 0

    def __hash__(self) -> int:
        self.hashes += 1
        return hash(self.compiled)

    def search(self, *args):
        return self.compiled.search(*args)

    def match(self, *args):
        return self.compiled.match(*args)

    def finditer(self, *args):
        return self.compiled.finditer(*args)


def test_a_route_is_asked_for_without_hashing_its_pattern():
    doc = Document(path="a.txt", text="甲乙\n推进工作\n丙\n推进改革\n")
    counted = _Counted("推进")
    first = routing.units_holding(doc, counted)
    assert routing.units_holding(doc, counted) is first
    assert routing.start_places(doc, counted) == [3, 10]
    assert route_screen.may_match(doc, counted)
    assert counted.hashes == 0
    assert [u.text for u in first] == ["推进工作", "推进改革"]


def test_one_key_per_pattern_object():
    a, b = re.compile("(?:a)"), re.compile("(?:b)")
    assert route_keys.route_key(a) is route_keys.route_key(a)
    assert route_keys.route_key(a) is not route_keys.route_key(b)
    assert route_keys.route_key(a).pattern == "(?:a)"


def test_the_table_of_keys_is_bounded(monkeypatch):
    monkeypatch.setattr(route_keys, "_ROUTE_KEYS", {})
    patterns = [re.compile(f"x{i}") for i in range(route_keys._MAX_KEYS + 10)]
    keys = [route_keys.route_key(p) for p in patterns]
    assert len(route_keys._ROUTE_KEYS) <= route_keys._MAX_KEYS
    assert route_keys.route_key(patterns[-1]) is keys[-1]


def test_a_declared_pattern_keeps_its_key_past_the_bound(monkeypatch):
    monkeypatch.setattr(route_keys, "_ROUTE_KEYS", {})
    monkeypatch.setattr(route_keys, "_PINNED", {})
    declared = re.compile("(?:declared)")
    key = route_keys.route_key(declared, pinned=True)
    patterns = [re.compile(f"y{i}") for i in range(route_keys._MAX_KEYS + 10)]
    for p in patterns:
        route_keys.route_key(p)
    assert route_keys.route_key(declared) is key
