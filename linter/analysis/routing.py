"""Which units a rule needs to read, found by one scan of the whole document.

A rule that reports only where some short pattern matches (a date needs a numeral right before
年, 月 or a separator) need not be called on every unit and ask each one: one stdlib ``re``
scan of the document's text finds the units that hold the pattern, and the rule (a document
rule) reads only those. On a page of 60,000 dated lines this is what the unit-by-unit calls
cost: a call, a generator and a memo look-up per rule and line.

The pattern must decide a match from the characters at and after where it starts, positively:
no lookbehind, no anchor, no negative lookahead. Then a match inside a unit's text is a match at
the same place of the document's text (where the unit's text is a slice of it), and the scan
finds every unit that holds one; it may find more (a match that runs on past a unit's end),
never fewer. tests/analysis/test_routing.py compares it with a search of every unit.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import cycle
from operator import add, attrgetter
from typing import Callable, Iterable, Iterator

from gongwen.analysis.route_keys import route_key
from gongwen.analysis.route_screen import may_match
from gongwen.diagnostic import Violation
from gongwen.document import Document, TextUnit


def units_holding(doc: Document, pattern: "re.Pattern[str]",
                  starts: "re.Pattern[str] | None" = None) -> tuple[TextUnit, ...]:
    """The units of ``doc`` whose text may hold a match of ``pattern``, in document order (every
    unit that does, and perhaps a few whose match runs on past their end). Once per document.
    ``starts``: a pattern one character wide that matches wherever ``pattern`` can start (a
    necessary condition, shared by several routes): ``pattern`` is then tried only there."""
    return doc.memo((units_holding, route_key(pattern)), lambda: _scan(doc, pattern, starts))



def _scan(doc: Document, pattern: "re.Pattern[str]", starts: "re.Pattern[str] | None" = None) -> tuple[TextUnit, ...]:
    if not units_are_slices(doc):
        return tuple(unit for unit in doc.units if pattern.search(unit.text))
    if not may_match(doc, pattern):
        return ()  # the text lacks the pair every match holds (route_screen): no search
    if starts is not None:
        return units_at(doc, _find_among(doc.text, pattern, start_places(doc, starts)))
    text, search = doc.text, pattern.search
    first = search(text)
    if first is None:
        return ()  # most documents for most routes: no units to find, none of units_at's set-up

    def find(pos: int) -> int:
        m = first if pos == 0 else search(text, pos)
        return -1 if m is None else m.start()
    return units_at(doc, find)


def start_places(doc: Document, starts: "re.Pattern[str]") -> list[int]:
    """Where ``starts`` matches in the document's text, found once for every route that names
    it: the two routes of the years (DAT001, DAT005) scanned the text for 19 or 20 each."""
    return doc.memo((start_places, route_key(starts)), lambda: [m.start() for m in starts.finditer(doc.text)])


def _find_among(text: str, pattern: "re.Pattern[str]", places: list[int]) -> Callable[[int], int]:
    """``find`` for units_at: the first of ``places`` at or after ``pos`` where ``pattern``
    matches, which is where ``pattern.search(text, pos)`` finds its match when every match starts
    at one of ``places``. tests/analysis/test_routing.py compares the two."""
    match = pattern.match

    def find(pos: int) -> int:
        for k in range(bisect_left(places, pos), len(places)):
            if match(text, places[k]):
                return places[k]
        return -1
    return find


# Units shorter than this on average make a document "of short units" (has_short_units): a page
# of one-word lines, where a call or a look per unit costs more than one scan of the whole text.
# Prose (~400 characters a paragraph) is not: there the per-unit path is the cheaper one.
SHORT_UNITS = 64


def has_short_units(doc: Document) -> bool:
    """Whether ``doc``'s units are shorter than SHORT_UNITS characters on average."""
    return len(doc.units) * SHORT_UNITS > len(doc.text)


def units_holding_to_line_end(doc: Document, pattern, holds: Callable[[str], bool]) -> tuple[TextUnit, ...]:
    """``units_holding`` for a pattern that may also end with ``(?=[\\r\\n]|\\Z)``: the end of a
    unit's line, where the unit's own ``$`` matches. That is a positive pattern only when every
    unit is whole lines of the text (``units_are_lines``, as the plain-text split builds them);
    otherwise, the units whose text ``holds`` says may hold a match (each
    unit is tested: a unit made by hand and followed by the next one's text is not missed)."""
    if not units_are_lines(doc):
        return tuple(unit for unit in doc.units if holds(unit.text))
    return units_holding(doc, pattern)


def units_are_lines(doc: Document) -> bool:
    """Whether the units are slices of the text (``units_are_slices``) that each start and end a
    line: a line break or the start of the text before each, a line break or the end after."""
    def compute() -> bool:
        if doc.split_into_lines:
            return True
        if not units_are_slices(doc):
            return False
        text = doc.text
        return all(text[unit.start - 1:unit.start] in _LINE_END and text[unit.end:unit.end + 1] in _LINE_END
                   for unit in doc.units)
    return doc.memo(units_are_lines, compute)


_LINE_END = ("", "\n", "\r")


def units_at(doc: Document, find: Callable[[int], int]) -> tuple[TextUnit, ...]:
    """The units that hold a place ``find`` gives, each once, in document order: ``find(pos)``
    is the first place at or after ``pos`` in the document's text where what a rule reads may
    start (-1 for none). Only for a document whose units are slices of its text
    (``units_are_slices``)."""
    units = doc.units
    starts = doc.memo(_unit_starts)
    found = []
    pos, i = 0, 0
    while (at := find(pos)) >= 0:
        i = bisect_right(starts, at, i) - 1
        if i >= 0 and at < units[i].end:
            found.append(units[i])  # one unit is enough: go on from its end
            pos = units[i].end
        else:
            i += 1  # between two units: go on from the start of the next
            if i >= len(units):
                break
            pos = starts[i]
    return tuple(found)


def _unit_starts(doc: Document) -> list[int]:
    return [unit.start for unit in doc.units]


def units_are_slices(doc: Document) -> bool:
    """Whether every unit is the slice of the text it says it is and the units follow each other
    without overlapping: what the whole-text scan assumes (every reader builds them so; a unit
    made by hand may not be)."""
    def compute() -> bool:
        if doc.split_into_lines:
            return True
        text, end = doc.text, 0
        for unit in doc.units:
            if unit.start < end or unit.end - unit.start != len(unit.text) or not text.startswith(unit.text, unit.start):
                return False
            end = unit.end
        return True
    return doc.memo(units_are_slices, compute)


def in_document(unit: TextUnit, found: Iterable[Violation]) -> Iterator[Violation]:
    """A unit's violations with offsets into the document, as a document rule reports them."""
    delta = unit.start
    for v in found:
        yield v.shifted(delta)



# Private-use characters that stand for line breaks in turn (breaks_apart): any two stand-ins
# fewer than len(_BREAK_STAND_INS) characters apart differ.
_BREAK_STAND_INS = "\ue000\ue001\ue002\ue003\ue004"
BREAKS_APART_WITHIN = len(_BREAK_STAND_INS) - 1
_TEXT = attrgetter("text")


def breaks_apart(doc: Document) -> str:
    """The document's text with its line breaks replaced by stand-ins in turn, so that no two
    of them up to BREAKS_APART_WITHIN characters apart are equal: a comparison of the text with
    itself shifted by that much (gongwen.analysis.repeats) then finds no repeat that holds a
    line break. On a page of one-word lines (a, 中, - a) every line repeated the one before
    across its break, and each unit was read for nothing; only for a document of short units
    (has_short_units) is the copy made. Such a repeat is in no unit only when
    no unit holds a line break (each is one line, as the plain-text reader makes them) and the
    units are slices of the text; otherwise, and for text with \\r, the text itself. Once per
    document; the same length as the text."""
    def compute() -> str:
        text = doc.text
        if not has_short_units(doc) or "\n" not in text or "\r" in text or not units_are_slices(doc):
            return text  # (prose: the stand-ins would cost more than the few repeats they spare)
        inside = "".join(map(_TEXT, doc.units))  # one C pass for every unit, no loop per unit
        if "\n" in inside:
            return text
        # Each line with the stand-in that follows it; the last line has none.
        return "".join(map(add, text.split("\n"), cycle(_BREAK_STAND_INS)))[:-1]
    return doc.memo(breaks_apart, compute)


def unit_starts(doc: Document) -> list[int]:
    """The units' start offsets, in order: the list units_at reads, built once per document."""
    return doc.memo(_unit_starts)
