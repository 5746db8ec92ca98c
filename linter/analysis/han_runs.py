"""Runs of Han characters in stdlib ``re``: the clause a segmenter reads around a candidate.

``regex``'s ``\\p{Han}`` costs a ``regex`` call (~1.5 µs on a short window, three times a stdlib
``re`` call). The word rules cut a clause around every candidate, and a megabyte of one doubled
phrase (推进落实推进落实…) has a candidate at every character, so the clause is cut here with
stdlib ``re`` and an explicit class. ``HAN_CLASS`` is the Script=Han ranges of the Unicode
version ``regex`` carries; tests/analysis/test_han_runs.py compares it with ``\\p{Han}`` on
every code point, so a ``regex`` upgrade that moves the ranges fails that test, not silently.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from gongwen.analysis import pattern_cache

# Script=Han as regex 2026.12 reads it (code point ranges, inclusive; _repeats.c is given them).
HAN_RANGES = ((0x2E80, 0x2E99), (0x2E9B, 0x2EF3), (0x2F00, 0x2FD5), (0x3005, 0x3005), (0x3007, 0x3007),
              (0x3021, 0x3029), (0x3038, 0x303B), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFA6D),
              (0xFA70, 0xFAD9), (0x16FE2, 0x16FE3), (0x16FF0, 0x16FF6), (0x20000, 0x2A6DF),
              (0x2A700, 0x2B81E), (0x2B820, 0x2CEAD), (0x2CEB0, 0x2EBE0), (0x2EBF0, 0x2EE5D),
              (0x2F800, 0x2FA1D), (0x30000, 0x3134A), (0x31350, 0x33479))
# The inside of a character class (no brackets), for building other stdlib patterns. Compiling
# one costs ~4 ms (re enumerates the 28,000 BMP code points in Python), so patterns built from
# it are compiled on first use, and the tests below a candidate use is_han instead.
HAN_CLASS = "".join(f"{chr(a)}-{chr(b)}" if a != b else chr(a) for a, b in HAN_RANGES)
_STARTS = [a for a, _ in HAN_RANGES]
_ENDS = [b for _, b in HAN_RANGES]
_ANY_PAIR = pattern_cache.re_compile(r"(.)\1", re.DOTALL)

try:
    from gongwen.analysis import _repeats
except ImportError:  # not built (no C compiler at install): the patterns below
    _repeats = None
else:
    _repeats.set_han_ranges(HAN_RANGES)


def is_han(ch: str) -> bool:
    """Whether the character is Script=Han (as regex's ``\\p{Han}``), without a pattern."""
    o = ord(ch)
    k = bisect_right(_STARTS, o) - 1
    return k >= 0 and o <= _ENDS[k]


def han_run_around(text: str, at: int, reach: int) -> tuple[int, int]:
    """The run of Han characters holding text[at], cut ``reach`` characters either side: the
    callers read a few characters around a place, so a long run is never walked whole."""
    start, end = at, at + 1
    low, high = max(0, at - reach), min(len(text), at + 1 + reach)
    while start > low and is_han(text[start - 1]):
        start -= 1
    while end < high and is_han(text[end]):
        end += 1
    return start, end


@cache
def _han_run() -> re.Pattern:
    return pattern_cache.re_compile(f"[{HAN_CLASS}]*")


def plain_clause_around(text: str, start: int, end: int, reach: int) -> tuple[int, str]:
    """Up to ``reach`` Han characters either side of [start, end), within one run of Han
    characters, and the offset where that clause starts in ``text``. Bounded, so that a
    megabyte without punctuation costs no more per candidate than a sentence. The run
    before ``start`` is the Han run at the start of the reversed window: one pattern.
    The reference of ``_repeats.han_clause`` and the path where that is not built."""
    run = _han_run()
    a = start - run.match(text[max(0, start - reach):start][::-1]).end()
    b = run.match(text, end, end + reach).end()
    return a, text[a:b]


def _compiled_clause_around(text: str, start: int, end: int, reach: int) -> tuple[int, str]:
    """``plain_clause_around`` by one walk each way in C (two pattern matches and two slices a
    call in Python: TYP001 cuts one at each candidate); the Python path for offsets outside
    the text, which the C function leaves to it. tests/analysis/test_han_runs.py compares them."""
    return _repeats.han_clause(text, start, end, reach) or plain_clause_around(text, start, end, reach)


clause_around = plain_clause_around if _repeats is None else _compiled_clause_around


def has_doubled_han(text: str, lo: int, hi: int) -> bool:
    """Whether a Han character stands twice in a row within ``text[lo:hi]`` (as regex's
    ``(\\p{Han})\\1`` searched there): each doubled character in turn, tested with is_han."""
    m = _ANY_PAIR.search(text, lo, hi)
    while m is not None:
        if is_han(m.group(1)):
            return True
        m = _ANY_PAIR.search(text, m.start() + 1, hi)
    return False
