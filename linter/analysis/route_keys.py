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
# Patterns compiled per request (a server's configurations) must not be held for ever: past
# this many the table starts again. A pattern then gets a new key (its memos are asked
# afresh), and an id is never looked up while its pattern can be gone: the table holds it.
# The keys of patterns declared to the route screen (module constants) are kept: its tables
# are keyed by them.
_MAX_KEYS = 4096
_PINNED: dict[int, RouteKey] = {}


def route_key(pattern: Any, pinned: bool = False) -> RouteKey:
    """The one RouteKey of a pattern object (equal patterns compiled apart get two: the same
    answers, computed twice; pattern_cache gives one object per source). ``pinned``: kept
    however many other patterns come (a declaration's)."""
    key = _ROUTE_KEYS.get(id(pattern))
    if key is None:
        if len(_ROUTE_KEYS) >= _MAX_KEYS:
            _ROUTE_KEYS.clear()
            _ROUTE_KEYS.update(_PINNED)
        key = _ROUTE_KEYS[id(pattern)] = RouteKey(pattern)
    if pinned:
        _PINNED[id(pattern)] = key
    return key
