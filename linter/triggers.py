"""Which unit rules a text unit can trigger, found by one scan of the unit.

A rule may declare ``triggers``: characters of which every unit it reports on holds at least
one (CON005 needs 率, TYP005 第, TRM008 《). The engine scans each unit once for all the
declared characters together (one stdlib ``re`` character class, C speed) and calls a rule
with triggers only on the units that hold one of its characters; rules without triggers
run on every unit. Most paragraphs hold none of a rule's characters, so the call (a
generator made, started and finished) and the rule's own test are skipped altogether.
A trigger that is not necessary would silently drop findings: tests/test_triggers.py
compares this dispatch with calling every rule on every unit, over random texts.
"""
from __future__ import annotations

import re
from functools import reduce
from operator import or_
from typing import Any, Sequence

# Plans kept per mask of the rules a text wakes. The 1,000 benchmark files wake 4,925
# distinct masks of the 39 default unit rules (7,939 distinct sets of trigger characters), so
# a smaller table was cleared over and over and most plans were built again; the bound only
# keeps hostile input from growing the table (8,192 plans of at most a few dozen entries:
# a few MB at worst).
_MAX_PLANS = 8192


class TriggerIndex:
    """The unit rules to run on a text: ``entries`` are (rule, …) tuples in run order."""

    __slots__ = ("entries", "base", "_scan", "_masks", "_mask_of", "_by_mask")

    def __init__(self, entries: Sequence[tuple[Any, ...]]) -> None:
        self.entries = list(entries)
        # The rules that run on every unit: the whole plan of a unit without a trigger.
        self.base = [entry for entry in self.entries if not entry[0].triggers]
        # Bit i of a character's mask: entry i declares it.
        self._masks: dict[str, int] = {}
        for i, entry in enumerate(self.entries):
            for ch in entry[0].triggers:
                self._masks[ch] = self._masks.get(ch, 0) | 1 << i
        chars = sorted(self._masks)
        self._scan = re.compile("[" + "".join(map(re.escape, chars)) + "]") if chars else None
        self._mask_of = self._masks.__getitem__
        self._by_mask: dict[int, list[tuple[Any, ...]]] = {}

    def plan(self, text: str) -> list[tuple[Any, ...]]:
        """The entries whose rule has no triggers or has one in ``text``, in run order."""
        if self._scan is None:
            return self.entries
        found = self._scan.findall(text)
        if not found:
            return self.base  # the commonest case on line-per-paragraph input: one scan, no set
        # The rules woken: the union of the masks of the distinct characters found (reduce and
        # map run in C; a prose paragraph holds a handful of distinct trigger characters).
        mask = reduce(or_, map(self._mask_of, set(found)))
        plan = self._by_mask.get(mask)
        if plan is None:
            if len(self._by_mask) >= _MAX_PLANS:
                self._by_mask.clear()
            plan = self._by_mask[mask] = [entry for i, entry in enumerate(self.entries)
                                          if not entry[0].triggers or mask >> i & 1]
        return plan
