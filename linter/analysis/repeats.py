"""Where a text repeats itself at once: a character typed twice (学法法), a run of two to four
characters typed twice (推进推进, 进一步进一步).

A run of d characters typed twice at i is ``text[i + j] == text[i + d + j]`` for j < d. With the
text's UTF-16 code units as one integer x, the 2-byte lane j of ``x ^ (x >> 16d)`` is zero
exactly when ``text[j] == text[j + d]``, so the run is d zero lanes in a row: 2d zero bytes at
an even offset, which ``bytes.find`` finds at C speed (a stdlib pattern with a backreference
tries one at every character). A character beyond the Basic Multilingual Plane is two code
units, so the lanes of a text holding one are not its characters: the callers fall back.

The repetition rules (TYP001, TYP002) read only the units of a document that hold such a place,
found by one pass over the whole text (``units_with_doubled_han``, ``units_with_doubled_run``)
instead of a scan of every paragraph; a place is rare in prose (344 runs and ~4,000 doubled Han
characters in 3.5 M characters of reports), the per-paragraph calls were not.
tests/analysis/test_repeats.py compares both with a search of every unit.
"""
from __future__ import annotations

import re
from functools import partial
from typing import Iterator

from gongwen.document import Document, TextUnit
from gongwen.analysis.han_runs import has_doubled_han, is_han
from gongwen.analysis.routing import BREAKS_APART_WITHIN, breaks_apart, units_are_slices, units_at
from gongwen.analysis import pattern_cache

from gongwen.analysis.han_runs import _repeats  # None where not built: Lanes below (han_runs set its Han ranges)

RUN_SIZES = (2, 3, 4)  # the runs TYP002 reads: words of two to four characters
assert max(RUN_SIZES) <= BREAKS_APART_WITHIN  # a run across two line breaks compares unequal ones
_ZERO_RUN = pattern_cache.re_compile(rb"(?:\0\0)+")  # zero lanes from an even offset
_SHORTEST_DOUBLED_RUN = 4  # two characters typed twice
_DISTINCT_TEST_UP_TO = 12  # longer lines nearly always repeat one: the set would cost, not save


class Lanes:
    """The zero lanes of one text at one distance at a time (each table is as long as the
    text's UTF-16 form: one is kept, not four)."""

    __slots__ = ("text", "exact", "_x", "_bytes", "_distance", "_lanes")

    def __init__(self, text: str) -> None:
        units = text.encode("utf-16-le", "surrogatepass")  # a lone surrogate is one code unit too
        self.text = text
        self.exact = len(units) == 2 * len(text)  # nothing beyond the BMP
        self._x = int.from_bytes(units, "little")
        self._bytes = len(units)
        self._distance, self._lanes = 0, b""

    def forget(self) -> None:
        """Drop the table of lanes (the text's integer stays, for the next distance)."""
        self._distance, self._lanes = 0, b""

    def lanes(self, distance: int) -> bytes:
        if distance != self._distance:
            x = self._x
            self._distance, self._lanes = distance, (x ^ (x >> 16 * distance)).to_bytes(self._bytes, "little")
        return self._lanes

    def find(self, size: int, pos: int = 0) -> int:
        """The first i >= pos where ``size`` characters are typed twice, or -1 (exact only when
        ``self.exact``)."""
        lanes, zeros = self.lanes(size), b"\0" * (2 * size)
        end = self._bytes - 2 * size  # the last lanes have nothing to be compared with
        at = lanes.find(zeros, 2 * pos, end)
        while at > 0 and at & 1:  # zero bytes straddling two lanes: look further
            at = lanes.find(zeros, at + 1, end)
        return at // 2 if at >= 0 else -1

    def find_doubled_han(self, pos: int = 0) -> int:
        """The first i >= pos where a Han character stands twice in a row, or -1 (exact only
        when ``self.exact``). A run of another character (0000, 　　　) is skipped whole, so a
        megabyte of one mark costs one step, not one per character."""
        text, lanes = self.text, self.lanes(1)
        end = self._bytes - 2
        while True:
            at = lanes.find(b"\0\0", 2 * pos, end)
            while at > 0 and at & 1:
                at = lanes.find(b"\0\0", at + 1, end)
            if at < 0:
                return -1
            if is_han(text[at // 2]):
                return at // 2
            pos = _ZERO_RUN.match(lanes, at).end() // 2


class CompiledLanes:
    """Lanes' questions answered by ``_repeats.c`` on the text's code points (no integer, no
    tables: both routers over the benchmark's 1,000 files 0.060 -> 0.016 s). ``exact`` as
    Lanes's, so that the callers take the same paths."""

    __slots__ = ("text", "exact")

    def __init__(self, text: str) -> None:
        self.text = text
        self.exact = _repeats.within_bmp(text)

    def forget(self) -> None:
        """Nothing to drop: no table is kept."""

    def find(self, size: int, pos: int = 0) -> int:
        return _repeats.doubled(self.text, size, pos)

    def find_doubled_han(self, pos: int = 0) -> int:
        return _repeats.doubled_han(self.text, pos)


def _lanes(text: str) -> Lanes | CompiledLanes:
    return Lanes(text) if _repeats is None else CompiledLanes(text)


# A Han character typed exactly twice (学法法, not 哈哈哈), found by stdlib re lookaheads at every
# start (overlapping, as regex's ``overlapped=True`` finds them); is_han keeps the Han ones (no
# Han class to compile for every process). A run of three or more is skipped at C speed.
_LONE_DOUBLED_CHAR = pattern_cache.re_compile(r"(?=(.)\1(?!\1))(?<!\1)", re.DOTALL)


def plain_lone_doubled_han(text: str) -> Iterator[int]:
    """Where a Han character stands exactly twice in a row, in order: the reference of
    ``lone_doubled_han`` and its path where ``_repeats`` is not built."""
    for m in _LONE_DOUBLED_CHAR.finditer(text):
        if is_han(m.group(1)):
            yield m.start()


def _found_from_each(find, text: str) -> Iterator[int]:
    """The places a compiled finder ``find(text, pos)`` gives, each search from two characters
    past the last place (a doubled character's pair)."""
    i = find(text, 0)
    while i >= 0:
        yield i
        i = find(text, i + 2)


def _compiled_lone_doubled_han(text: str) -> Iterator[int]:
    """``_repeats.lone_doubled_han`` from each found place on: one pass in C, where the pattern
    above tries its lookaheads at every character (TYP001 reads ~2,900 units of the benchmark's
    files). tests/analysis/test_repeats.py compares the two."""
    return _found_from_each(_repeats.lone_doubled_han, text)


lone_doubled_han = plain_lone_doubled_han if _repeats is None else _compiled_lone_doubled_han

_SERIES_REACH = 8  # characters either side in which another doubled character makes a series


def plain_isolated_doubled_han(text: str) -> Iterator[int]:
    """``lone_doubled_han``'s places that no reduplicated pattern around them explains, in
    order: not AABB (认认真真, 干干净净: the next two characters equal, or the two before) and
    not in a series of reduplications (歇歇脚、喝喝水、热热饭: a Han character twice in a row
    within ``_SERIES_REACH`` characters before or after). TYP001's structural tests, the
    reference of ``_repeats.isolated_doubled_han`` and its path where that is not built."""
    n = len(text)
    for i in lone_doubled_han(text):
        ch = text[i]
        if (i > 0 and text[i - 1] == ch) or (i + 2 < n and text[i + 2] == ch):
            continue
        if i + 3 < n and text[i + 2] == text[i + 3]:
            continue
        if i >= 2 and text[i - 2] == text[i - 1]:
            continue
        if (has_doubled_han(text, max(0, i - _SERIES_REACH), i)
                or has_doubled_han(text, i + 2, i + 2 + _SERIES_REACH)):
            continue
        yield i


def _compiled_isolated_doubled_han(text: str) -> Iterator[int]:
    """``_repeats.isolated_doubled_han`` from each found place on: the candidates and their
    structural tests in one C pass (a Python step and two window searches per candidate,
    ~10 ms over the benchmark's ~4,000). tests/analysis/test_repeats.py compares the two."""
    return _found_from_each(_repeats.isolated_doubled_han, text)


isolated_doubled_han = plain_isolated_doubled_han if _repeats is None else _compiled_isolated_doubled_han


def has_doubled_run(text: str) -> bool:
    """Whether a run of two to four characters stands twice in a row in ``text`` (exactly, for
    text within the Basic Multilingual Plane; always True for text with a character beyond it,
    unless the text is too short or repeats no character)."""
    # A run of d >= 2 characters typed twice takes 2d >= 4 characters, each of them twice: a
    # heading line (（一）, 1.) is shorter, and a short line without a repeated character has
    # none; both answer before the integer arithmetic (~3 us a line on a page of headings).
    length = len(text)
    if length < _SHORTEST_DOUBLED_RUN or (length <= _DISTINCT_TEST_UP_TO and len(set(text)) == length):
        return False
    lanes = _lanes(text)
    return not lanes.exact or any(lanes.find(size) >= 0 for size in RUN_SIZES)


def doubled_run_starts(text: str) -> Iterator[int] | None:
    """Each place where a run of one of RUN_SIZES characters stands twice in a row in ``text``
    (``text[i:i + d] == text[i + d:i + 2 * d]``), once, in order; None where the C finder is
    not built or the text holds a character beyond the BMP (no exact answer by this path)."""
    if _repeats is None or not _repeats.within_bmp(text):
        return None
    return _merged_starts(text)


def _merged_starts(text: str) -> Iterator[int]:
    doubled = _repeats.doubled
    ahead = [doubled(text, size, 0) for size in RUN_SIZES]  # each size's next place
    while True:
        live = [i for i in ahead if i >= 0]
        if not live:
            return
        at = min(live)
        yield at
        ahead = [doubled(text, size, at + 1) if i == at else i for size, i in zip(RUN_SIZES, ahead)]


def units_with_doubled_han(doc: Document) -> tuple[TextUnit, ...]:
    """The units that hold a Han character typed twice (学法法, and runs: 哈哈哈), in order;
    perhaps a few more, never fewer. Once per document."""
    def compute() -> tuple[TextUnit, ...]:
        lanes = _lanes_of(doc)
        if not lanes.exact or not units_are_slices(doc):
            return tuple(unit for unit in doc.units if has_doubled_han(unit.text, 0, len(unit.text)))
        found = units_at(doc, lanes.find_doubled_han)
        lanes.forget()
        return found
    return doc.memo(units_with_doubled_han, compute)


def units_with_doubled_run(doc: Document) -> tuple[TextUnit, ...]:
    """The units for which ``has_doubled_run`` is true, in order; perhaps a few more (a run
    that goes on past a unit's end), never fewer. Once per document."""
    def compute() -> tuple[TextUnit, ...]:
        lanes = _lanes_of(doc)
        if not lanes.exact or not units_are_slices(doc):
            return tuple(unit for unit in doc.units if has_doubled_run(unit.text))
        found = {}  # start -> unit: the three sizes' units, merged
        for size in RUN_SIZES:
            found.update((unit.start, unit) for unit in units_at(doc, partial(lanes.find, size)))
        lanes.forget()
        return tuple(found[start] for start in sorted(found))
    return doc.memo(units_with_doubled_run, compute)


def _lanes_of(doc: Document) -> Lanes:
    """The document text's Lanes, made once for both routers (without a table between them);
    where no unit holds a line break, of the text with its line breaks kept apart
    (routing.breaks_apart): a repeat across a break is in no unit."""
    return doc.memo(_lanes_of, lambda: _lanes(breaks_apart(doc)))
