"""One Aho-Corasick pass over a document for the literal strings of every active matcher.

Several document rules look for many literal strings (TRM001/TRM005/TRM006's formulations,
TRM007's protected phrases, TRM009's roster, TYP011's confusable pairs, TYP010's
traditional characters), each with an automaton of its own. Scanning the text once with one
automaton over all their strings and handing each matcher its own hits is the single-pass
design of ruff and Vale: on the benchmark's 1,000 files the five scans took 0.17 CPU s, the
one pass 0.06 s. Each matcher keeps its own post-match logic; only where its raw hits come
from changes.

A matcher here is any object with ``keys`` (its strings, in the order of its automaton) and
``automaton`` (an ``ahocorasick_rs.AhoCorasick`` over them, or None when it has no keys).
The engine builds one :class:`SharedScan` per set of active matchers and puts it on the rule
context; :func:`matches` gives a matcher exactly what its own overlapping search of the same
text would: (key index, start, end) in the automaton's order (by end, the longest first).
tests/analysis/test_shared_scan.py compares the two over random texts.

A matcher with a ``sift_table`` (``fuzzy.FuzzyMatcher``) is given instead what its ``sift``
makes of those hits (:func:`sifted`): the compiled scan sifts them as it finds them, so the
pieces found in other text (35,000 of the benchmark's 59,000 hits) never become Python objects.
"""
from __future__ import annotations

from functools import cached_property
from typing import Any, Sequence

import ahocorasick_rs

from gongwen.analysis.fuzzy import Sifted, rust_safe

try:
    from gongwen.analysis import _literal_scan
except ImportError:  # the optional extension did not build: ahocorasick_rs and Python's routing run
    _literal_scan = None
COMPILED = _literal_scan is not None  # the engine shares the pass from the first document then

Hit = tuple[int, int, int]  # (index of the key in its matcher, start, end)


def own_matches(matcher: Any, text: str) -> list[Hit]:
    """The matcher's own overlapping search of ``text`` (the plain scan the pass replaces)."""
    if matcher.automaton is None:
        return []
    try:
        return matcher.automaton.find_matches_as_indexes(text, overlapping=True)
    except UnicodeEncodeError:  # a lone surrogate cannot cross into Rust; NUL keeps offsets
        return matcher.automaton.find_matches_as_indexes(rust_safe(text), overlapping=True)


class Keys:
    """A plain set of literal strings as a matcher (TYP010's characters)."""

    def __init__(self, keys: Sequence[str]) -> None:
        self.keys = list(keys)

    @cached_property
    def automaton(self) -> ahocorasick_rs.AhoCorasick | None:
        """Built on first use: with the shared pass compiled, a default run never asks (4,093
        characters, 5 ms)."""
        return _automaton(self.keys)


class SharedScan:
    """One automaton over the keys of ``matchers``; each union key is routed to the matchers
    (and their key indexes) that hold it. A key held twice by one matcher (a FuzzyMatcher's
    piece that is also a shield) is routed twice, in the matcher's own index order, as its
    own automaton reports both. The compiled scan is built from the matchers' own lists (the
    union and its routes are made in C); the union list and the routes in Python are made only
    for the reference (:meth:`routed`)."""

    def __init__(self, matchers: Sequence[Any]) -> None:
        self.slots = {id(m): slot for slot, m in enumerate(matchers)}
        self._matchers = list(matchers)  # kept alive: the slots are keyed by identity
        self._sifters = [getattr(m, "sift_table", None) for m in self._matchers]
        self._scanner = _compiled(self._matchers, self._sifters)

    @cached_property
    def _routed(self) -> dict[str, list[tuple[int, int]]]:
        """Each union key, in the order the keys are first met -> its (slot, local index)s."""
        routed: dict[str, list[tuple[int, int]]] = {}
        for slot, matcher in enumerate(self._matchers):
            for local, key in enumerate(matcher.keys):
                routed.setdefault(key, []).append((slot, local))
        return routed

    @cached_property
    def keys(self) -> list[str]:
        return list(self._routed)

    @cached_property
    def _routes(self) -> list[list[tuple[int, int]]]:
        return list(self._routed.values())

    @cached_property
    def automaton(self) -> ahocorasick_rs.AhoCorasick | None:
        """The reference's automaton, built on first use (7.5 ms for the default keys): the
        compiled scan needs none."""
        return _automaton(self.keys)

    def split(self, text: str) -> list[list[Hit] | Sifted]:
        """Every matcher's hits in ``text`` (a sifting matcher's ``sift`` of them), from one pass."""
        if self._scanner is not None:
            return self._scanner.split(text)
        return self.routed(text)

    def routed(self, text: str) -> list[list[Hit] | Sifted]:
        """``split`` through ahocorasick_rs, Python's routing and each sifting matcher's ``sift``:
        the reference and fallback of the compiled scan (_literal_scan.c)."""
        out: list[list[Hit]] = [[] for _ in self._matchers]
        routes = self._routes
        for key, start, end in own_matches(self, text):
            for slot, local in routes[key]:
                out[slot].append((local, start, end))
        return [hits if table is None else m.sift(text, hits)
                for m, table, hits in zip(self._matchers, self._sifters, out)]


def _automaton(keys: list[str]) -> ahocorasick_rs.AhoCorasick | None:
    return ahocorasick_rs.AhoCorasick(keys, implementation=ahocorasick_rs.Implementation.DFA) if keys else None


def line_heads(data: bytes) -> list[str]:
    """The text before the first tab of each line of ``data`` (UTF-8) that is neither empty nor a
    ``#`` comment: a generated file's keys. In C where built: TYP022's 6,800 anchors split and
    decoded line by line in Python cost its start-up some 10 M instructions."""
    if _literal_scan is not None:
        return _literal_scan.line_heads(data)
    return [line.split(b"\t", 1)[0].decode("utf-8") for line in data.split(b"\n")
            if line and not line.startswith(b"#")]


def _compiled(matchers: list[Any], sifters: list[Any]) -> Any:
    """The compiled scan over the matchers' keys, or None: when the extension did not build, or
    a key holds NUL or a lone surrogate (the compiled scan reads code points, where the
    automaton reads a lone surrogate as NUL: rust_safe; the two agree while no key holds
    either), or no matcher has a key."""
    if _literal_scan is None or not any(len(m.keys) for m in matchers):
        return None
    try:
        return _literal_scan.Scanner([m.keys for m in matchers], sifters)
    except UnicodeError:
        return None


def matches(ctx: Any, matcher: Any, text: str) -> list[Hit]:
    """``matcher``'s hits in ``text``: from the document's shared pass when the engine made one
    for it and ``text`` is the whole document, else from the matcher's own scan. (A sifting
    matcher's come sifted: :func:`sifted`.)"""
    found = _from_pass(ctx, matcher, text)
    return own_matches(matcher, text) if found is None else found


def sifted(ctx: Any, matcher: Any, text: str) -> Sifted | None:
    """A sifting matcher's ``sift`` of its hits in ``text`` from the document's shared pass,
    or None where there is none (the matcher then scans ``text`` itself)."""
    return _from_pass(ctx, matcher, text)


def _from_pass(ctx: Any, matcher: Any, text: str) -> Any:
    """What the document's shared pass gives ``matcher`` for ``text``, or None when the engine
    made none for it or ``text`` is not the whole document."""
    shared = getattr(ctx, "shared_scan", None)
    doc = ctx.document
    if shared is None or text is not doc.text:
        return None
    slot = shared.slots.get(id(matcher))
    if slot is None or shared._matchers[slot] is not matcher:
        return None
    return doc.memo(shared, lambda: shared.split(text))[slot]
