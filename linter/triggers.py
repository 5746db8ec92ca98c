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

# Plans kept per set of trigger characters found; a unit's set is one of few in practice
# (most paragraphs hold none or one), the bound only keeps hostile input from growing it.
_MAX_PLANS = 4096


class TriggerIndex:
    """The unit rules to run on a text: ``entries`` are (rule, …) tuples in run order."""

    __slots__ = ("entries", "_scan", "_plans")

    def __init__(self, entries: Sequence[tuple[Any, ...]]) -> None:
        self.entries = list(entries)
        chars = sorted({ch for entry in self.entries for ch in entry[0].triggers})
        self._scan = re.compile("[" + "".join(map(re.escape, chars)) + "]") if chars else None
        self._plans: dict[frozenset[str], list[tuple[Any, ...]]] = {}

    def plan(self, text: str) -> list[tuple[Any, ...]]:
        """The entries whose rule has no triggers or has one in ``text``, in run order."""
        if self._scan is None:
            return self.entries
        found = frozenset(self._scan.findall(text))
        plan = self._plans.get(found)
        if plan is None:
            if len(self._plans) >= _MAX_PLANS:
                self._plans.clear()
            plan = self._plans[found] = [entry for entry in self.entries
                                         if not entry[0].triggers or not found.isdisjoint(entry[0].triggers)]
        return plan
