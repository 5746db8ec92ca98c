"""Which unit rules a text unit can trigger, found by one scan of the unit.

A rule may declare ``triggers``: characters of which every unit it reports on holds at least
one (CON005 needs 率, TYP005 第, TRM008 《). The engine scans each unit once for all the
declared characters together (one compiled pass, gongwen.analysis._trigger_scan; without it
one stdlib ``re`` character class) and calls a rule with triggers only on the units that hold
one of its characters; rules without triggers run on every unit. Most paragraphs hold none of
a rule's characters, so the call (a generator made, started and finished) and the rule's own
test are skipped altogether.
A trigger that is not necessary would silently drop findings: tests/test_triggers.py
compares this dispatch with calling every rule on every unit, over random texts.

A rule may also declare ``trigger_patterns``: strings of two or more characters (。。。) or
small positive patterns (a numeral, 、, a numeral) of which a unit it reports on holds one, where
a character alone would wake it on most paragraphs (every 。 or 、). They are not looked for per
paragraph: each is searched once in the whole document's text (gongwen.analysis.routing, which
maps the places found to their units), and the units holding one are woken as by a trigger
character. Most documents hold none of them, so the search is all they cost there.

A trigger pattern may be an :class:`Adjacent` pair instead: a character of one set right before
one of another (。 before ”, a digit before 百), the need of a rule its characters alone wake on
most paragraphs, where a class-led search of the document would cost more than the calls it
spares. Pairs are not searched in the document: the one scan of each unit answers them with
the trigger characters (gongwen.analysis._trigger_scan, all classes in one pass of the unit;
without it, the ``re`` scan above and a search per pair).
"""
from __future__ import annotations

import re
from functools import reduce
from operator import or_
from typing import Any, Iterable, Sequence

from gongwen.analysis.class_routes import class_route
from gongwen.analysis.route_screen import may_match, needs_pair
from gongwen.analysis.routing import units_are_slices, units_holding
from gongwen.document import Document, TextUnit
from gongwen.analysis import pattern_cache

try:
    from gongwen.analysis import _trigger_scan
except ImportError:  # the optional extension did not build: the re scan and a search per pair run
    _trigger_scan = None

# Plans kept per mask of the rules a text wakes. The 1,000 benchmark files wake 4,925
# distinct masks of the 39 default unit rules (7,939 distinct sets of trigger characters), so
# a smaller table was cleared over and over and most plans were built again; the bound only
# keeps hostile input from growing the table (8,192 plans of at most a few dozen entries:
# a few MB at worst).
_MAX_PLANS = 8192
# Marks nearly every prose paragraph holds many times over: findall returns every occurrence
# and pays a match for each (the comma, full stop and enumeration comma were 3 in 5 of its
# ~450,000 matches over the benchmark's 22,971 paragraphs), while ``ch in text`` answers one
# character with one C scan that stops at its first occurrence. Tested on their own: the scan
# looks for the other trigger characters only (0.126 -> 0.053 s for those paragraphs).
_COMMON = "，。、"
# The compiled scan's limits: a class is a bit of one 64-bit mask, a kind of character one byte.
_MAX_CLASSES = 64
_MAX_KINDS = 256


class Adjacent:
    """A trigger pattern: a character of ``first`` right before one of ``second`` (with
    ``first_other``: any character but those of ``first`` right before one of ``second``).
    Answered by each unit's trigger scan, never searched in the whole document."""

    __slots__ = ("first", "second", "first_other", "regex")

    def __init__(self, first: str, second: str, *, first_other: bool = False) -> None:
        if not first or not second:
            raise ValueError("Adjacent needs characters on both sides")
        self.first, self.second, self.first_other = first, second, first_other
        # Led by the second character, usually the rarer (``re`` skips to a leading class's
        # members; a complement class would be tried everywhere), the first looked behind for.
        second = _escaped(second)
        self.regex = pattern_cache.re_compile(f"[{second}](?<=[{'^' if first_other else ''}{_escaped(first)}][{second}])")

    @property
    def pattern(self) -> str:
        return self.regex.pattern

    def search(self, text: str, pos: int = 0) -> Any:
        return self.regex.search(text, pos)

    def opens(self, ch: str) -> bool:
        return (ch in self.first) != self.first_other

    def __repr__(self) -> str:
        return f"Adjacent({self.first!r}, {self.second!r}{', first_other=True' if self.first_other else ''})"


def _escaped(chars: str) -> str:
    return "".join(map(re.escape, chars))


class TriggerIndex:
    """The unit rules to run on a text: ``entries`` are (rule, …) tuples in run order."""

    __slots__ = ("entries", "base", "any_trigger", "patterns", "_scan", "_common", "_masks", "_mask_of",
                 "_by_mask", "_adjacent", "_classes", "_rules_of", "_scanner")

    def __init__(self, entries: Sequence[tuple[Any, ...]]) -> None:
        self.entries = list(entries)
        # The rules that run on every unit: the whole plan of a unit without a trigger.
        self.base = [entry for entry in self.entries if not entry[0].triggers and not entry[0].trigger_patterns]
        # (pattern, mask of the entries that declare it) per distinct trigger pattern.
        bits: dict[Any, int] = {}
        adjacent: dict[Any, int] = {}
        for i, entry in enumerate(self.entries):
            for pattern in entry[0].trigger_patterns:
                if isinstance(pattern, Adjacent):
                    adjacent[pattern] = adjacent.get(pattern, 0) | 1 << i
            for pattern in compiled(p for p in entry[0].trigger_patterns if not isinstance(p, Adjacent)):
                bits[pattern] = bits.get(pattern, 0) | 1 << i
        self.patterns = list(bits.items())
        # (pair, mask of the entries that declare it): asked of every unit (plan).
        self._adjacent = list(adjacent.items())
        # Bit i of a character's mask: entry i declares it.
        self._masks: dict[str, int] = {}
        for i, entry in enumerate(self.entries):
            for ch in entry[0].triggers:
                self._masks[ch] = self._masks.get(ch, 0) | 1 << i
        self._common = [(ch, self._masks[ch]) for ch in _COMMON if ch in self._masks]
        chars = sorted(ch for ch in self._masks if ch not in _COMMON)
        self._scan = pattern_cache.re_compile("[" + "".join(map(re.escape, chars)) + "]") if chars else None
        # Any one trigger character: a unit without one gets ``base`` (on a page of one-word
        # lines, one scan of the whole text finds the few units that hold one).
        # A pair's second character is in every unit that holds the pair.
        needed = set(self._masks).union(*(pair.second for pair, _ in self._adjacent))
        # Searched by the class finder: re tries a class at every character (3.6 M characters
        # over the 1,000 benchmark files, round 18), the finder skips to the next candidate.
        self.any_trigger = (class_route(pattern_cache.re_compile("[" + _escaped(sorted(needed)) + "]"))
                            if needed else None)
        self._mask_of = self._masks.__getitem__
        self._by_mask: dict[int, list[tuple[Any, ...]]] = {}
        # The compiled scan: one class per trigger character's entries and one per pair, with the
        # mask of the entries each class wakes; ``_rules_of`` memoizes a set of classes' union.
        self._classes = [*self._by_character(), *(bits for _, bits in self._adjacent)]
        self._rules_of: dict[int, int] = {}
        self._scanner = self._compiled_scanner()

    def _by_character(self) -> list[int]:
        """The entry masks of the trigger characters, each distinct one a class."""
        return list(dict.fromkeys(self._masks.values()))

    def _compiled_scanner(self) -> Any:
        """The one-pass scanner of every class (_trigger_scan.Scanner), or None where it is not
        built or the classes do not fit it (then ``plan``'s plain path runs)."""
        if _trigger_scan is None or not self._classes or len(self._classes) > _MAX_CLASSES:
            return None
        by_character = {bits: 1 << k for k, bits in enumerate(self._by_character())}
        pairs = [(pair, 1 << k) for k, (pair, _) in enumerate(self._adjacent, len(by_character))]
        other_opens = sum(bit for pair, bit in pairs if pair.first_other)
        named = set(self._masks).union(*(pair.first + pair.second for pair, _ in pairs))
        if any(ord(ch) > 0xFFFF for ch in named):
            return None
        kinds = {(0, other_opens, 0): 0}
        kind_of = bytearray(0x10000)
        for ch in named:
            alone = by_character[self._masks[ch]] if ch in self._masks else 0
            opens = sum(bit for pair, bit in pairs if pair.opens(ch))
            closes = sum(bit for pair, bit in pairs if ch in pair.second)
            kind_of[ord(ch)] = kinds.setdefault((alone, opens, closes), len(kinds))
        if len(kinds) > _MAX_KINDS:
            return None
        return _trigger_scan.Scanner(bytes(kind_of), *zip(*kinds))

    def _rules_woken_by(self, classes: int) -> int:
        """The union of the entry masks of the classes set in ``classes``."""
        mask = 0
        for k, bits in enumerate(self._classes):
            if classes >> k & 1:
                mask |= bits
        if len(self._rules_of) >= _MAX_PLANS:
            self._rules_of.clear()
        self._rules_of[classes] = mask
        return mask

    def woken(self, doc: Document) -> dict[int, int]:
        """The entries the trigger patterns wake in ``doc``: unit start -> mask, for ``plan``
        (empty when the document holds none of them)."""
        woken: dict[int, int] = {}
        text = searchable_text(doc)
        for pattern, bits in self.patterns:
            for unit in units_matching(doc, pattern, text):
                woken[unit.start] = woken.get(unit.start, 0) | bits
        return woken

    def plan(self, text: str, woken: int = 0) -> list[tuple[Any, ...]]:
        """The entries whose rule has no triggers or has one in ``text``, in run order;
        ``woken``: the mask of those a trigger pattern woke in this unit (the method woken)."""
        if not self._masks and not self.patterns and not self._adjacent:
            return self.entries
        if self._scanner is not None:
            classes = self._scanner.classes(text)
            mask = self._rules_of.get(classes)
            if mask is None:
                mask = self._rules_woken_by(classes)
            mask |= woken
        else:
            mask = self._plain_mask(text, woken)
        if not mask:
            return self.base  # the commonest case on line-per-paragraph input: no set, no lookup
        plan = self._by_mask.get(mask)
        if plan is None:
            if len(self._by_mask) >= _MAX_PLANS:
                self._by_mask.clear()
            plan = self._by_mask[mask] = [entry for i, entry in enumerate(self.entries)
                                          if mask >> i & 1 or not (entry[0].triggers or entry[0].trigger_patterns)]
        return plan

    def _plain_mask(self, text: str, woken: int) -> int:
        """The entries ``text`` wakes through the ``re`` scan and a search per pair: the
        reference and fallback of the compiled scan."""
        found = self._scan.findall(text) if self._scan is not None else None
        # The rules woken: the union of the masks of the distinct characters found (reduce and
        # map run in C; a prose paragraph holds a handful of distinct trigger characters). A
        # short line often holds one (each line of a page of empty list items its -): its
        # mask is looked up alone, without the set and the reduce (0.39 -> 0.25 µs a line).
        if not found:
            mask = woken
        elif len(found) == 1:
            mask = self._mask_of(found[0]) | woken
        else:
            mask = reduce(or_, map(self._mask_of, set(found)), woken)
        for ch, bits in self._common:
            if ch in text:
                mask |= bits
        for pair, bits in self._adjacent:
            if pair.regex.search(text):
                mask |= bits
        return mask


def compiled(patterns: Iterable[Any]) -> tuple[Any, ...]:
    """Trigger patterns with each string compiled as its literal (``re`` skips to a literal's
    first character at C speed) and each pair as its pattern (a document rule's gate)."""
    return tuple(_literal(p) if isinstance(p, str) else p.regex if isinstance(p, Adjacent) else p
                 for p in patterns)


def _literal(string: str) -> Any:
    """A string trigger compiled; one of two or more characters holds its first two as a pair,
    which the document's route screen answers before any search (。。。 and ... are in no
    document of the benchmark's 1,000, and each search read all of them)."""
    pattern = pattern_cache.re_compile(re.escape(string))
    if len(string) >= 2 and max(string[:2]) <= "\uffff":
        needs_pair(pattern, string[0], string[1])
    return pattern


def searchable_text(doc: Document) -> str | None:
    """The document's text when its units are slices of it (a search there answers for every
    unit), else None."""
    return doc.text if doc.split_into_lines or units_are_slices(doc) else None


def units_matching(doc: Document, pattern: Any, text: str | None) -> tuple[TextUnit, ...]:
    """The units of ``doc`` that may hold a match of ``pattern`` (routing.units_holding), after
    one search of ``text`` (searchable_text) where it says there is none: the common case, one
    C search, no memo entry made."""
    if text is not None and (not may_match(doc, pattern) or pattern.search(text) is None):
        return ()
    return units_holding(doc, pattern)
