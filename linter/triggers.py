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
from typing import Any, Sequence

# Plans kept per set of trigger characters found. Prose paragraphs hold many different sets
# of common marks (，。、：), so a set is first reduced to the rules it wakes (a bit mask, few
# distinct values) and the plan is kept per mask; the bounds only keep hostile input from
# growing either table.
_MAX_SETS = 4096
_MAX_PLANS = 1024


class TriggerIndex:
    """The unit rules to run on a text: ``entries`` are (rule, …) tuples in run order."""

    __slots__ = ("entries", "base", "_scan", "_masks", "_by_set", "_by_mask")

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
        self._by_set: dict[frozenset[str], list[tuple[Any, ...]]] = {}
        self._by_mask: dict[int, list[tuple[Any, ...]]] = {}

    def plan(self, text: str) -> list[tuple[Any, ...]]:
        """The entries whose rule has no triggers or has one in ``text``, in run order."""
        if self._scan is None:
            return self.entries
        found = self._scan.findall(text)
        if not found:
            return self.base  # the commonest case on line-per-paragraph input: one scan, no set
        chars = frozenset(found)
        plan = self._by_set.get(chars)
        if plan is None:
            if len(self._by_set) >= _MAX_SETS:
                self._by_set.clear()
            plan = self._by_set[chars] = self._plan_for(chars)
        return plan

    def _plan_for(self, chars: frozenset[str]) -> list[tuple[Any, ...]]:
        mask = 0
        for ch in chars:
            mask |= self._masks[ch]
        plan = self._by_mask.get(mask)
        if plan is None:
            if len(self._by_mask) >= _MAX_PLANS:
                self._by_mask.clear()
            plan = self._by_mask[mask] = [entry for i, entry in enumerate(self.entries)
                                          if not entry[0].triggers or mask >> i & 1]
        return plan
