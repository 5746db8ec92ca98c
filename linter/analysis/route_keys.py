"""A route's pattern as a key of the per-document memos and the route screen's tables.

``re.Pattern`` hashes its source and its whole compiled program at every hash (CPython's
``pattern_hash``, not cached): a memo keyed by ``(units_holding, pattern)`` paid that at every
ask, ~12,000 hashes and 33 M instructions over the benchmark's first 400 files (0.7 % of the
run) for the long alternations of the routes. A ``RouteKey`` is made once per pattern object
and hashed by identity.
"""
from __future__ import annotations

from typing import Any


class RouteKey:
    """A pattern's stand-in in memo keys (``route_key``): hashed and compared by identity.
    ``pattern`` is the route's source, for names (benchmarks/speed/callgrind_split.py)."""

    __slots__ = ("route", "pattern")

    def __init__(self, route: Any) -> None:
        self.route = route  # held: its id names no other pattern while this key lives
        self.pattern = getattr(route, "pattern", None)


_ROUTE_KEYS: dict[int, RouteKey] = {}


def route_key(pattern: Any) -> RouteKey:
    """The one RouteKey of a pattern object (equal patterns compiled apart get two: the same
    answers, computed twice; pattern_cache gives one object per source)."""
    key = _ROUTE_KEYS.get(id(pattern))
    if key is None:
        key = _ROUTE_KEYS[id(pattern)] = RouteKey(pattern)
    return key
