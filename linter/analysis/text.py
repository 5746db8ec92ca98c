"""Shared scans of prose that many rules need, computed once per text and cached.

Character classes are explicit: ``\\d`` matches full-width and other scripts' digits and
``\\b`` never fires between Han characters (they are word characters), so neither is used.
"""
from __future__ import annotations

import bisect
import functools
import operator
import re

import regex

from gongwen.analysis import lazy_regex
from gongwen.analysis import pattern_cache
from gongwen.analysis.class_routes import class_route
from gongwen.document import line_starts

HAN = r"\p{Han}"
# Chinese (full-width) punctuation that counts as "Chinese context" next to a mark.
CJK_PUNCT = "，。、；：？！“”‘’《》〈〉（）【】〔〕…—·「」『』"
CJK = rf"[{HAN}{CJK_PUNCT}]"
ASCII_DIGIT = "[0-9]"
# Blanks inside a line: space, tab, ideographic space (U+3000), no-break space (U+00A0).
BLANKS = " \t\u3000\xa0"

# Spans inside which prose rules must not look for punctuation or number defects:
# URLs, e-mail addresses, times, decimals, grouped thousands, document numbers, standards,
# formulas such as 5+2 and 1+N, and runs of Latin-script text (English sentences keep ASCII
# punctuation). The e-mail and English-run patterns start only where a run of their
# characters starts: tried at every position inside a long run of digits or letters, each
# would rescan the rest of the run (quadratic time on a megabyte of digits).
_PROTECTED_PARTS = (
    # (pattern, a text that every match contains; "latin" for any ASCII letter)
    (r"(?:https?|ftp)://[^\s\p{Han}，。；：“”‘’《》（）【】]+", "://"),            # URL
    (r"www\.[A-Za-z0-9.-]+(?:/[^\s\p{Han}，。“”《》（）]*)?", "www."),             # bare www. URL
    (r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", "@"),  # e-mail
    (r"(?<![0-9])[0-9]{1,2}:[0-5][0-9](?::[0-5][0-9])?(?![0-9])", ":"),         # time 8:30
    (r"(?<![0-9.])[0-9]+\.[0-9]+(?![0-9])", "."),                                # decimal 2.9
    (r"(?<![0-9,])[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])", ","),                      # thousands 3,206,000
    (r"[\p{Han}]{1,10}〔[0-9]{4}〕[0-9]+号", "〔"),                                # 文号 雁政发〔2025〕3号
    (r"(?:GB|DB|JB|GB/T|DB[0-9]{2}/T)\s?[0-9.]+(?:[—-][0-9]{4})?", "B"),         # standards
    (r"(?<![A-Za-z0-9'’.\-])[A-Za-z][A-Za-z0-9'’.\-]*(?:[ ,;:!?()\"]+[A-Za-z0-9][A-Za-z0-9'’.\-]*){2,}",
     "latin"),  # English run
)
# One scan per kind of span, merged: a single alternation of all of them cannot use any
# one part's literal prefix to skip ahead and tried every part at every character (it was
# ~80% of a default run; separate scans are ~25x faster on the corpus). A part is scanned
# only when the text holds what each of its matches must contain: most paragraphs have no
# ``:``, ``@``, ``〔`` or Latin letter, and a C-speed ``in`` test costs far less than a scan
# that starts with a lookbehind or a character class and is tried at every character.
_PROTECTED = tuple((lazy_regex.compile(part), needs) for part, needs in _PROTECTED_PARTS)
# Searched through the compiled finder (class_routes): re tests the class at every character.
_LATIN = class_route(pattern_cache.re_compile("[A-Za-z]"))

def protected_spans(text: str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans that prose checks skip (overlapping finds are merged)."""
    return list(_protected_spans(text))


@functools.lru_cache(maxsize=16)
def _protected_spans(text: str) -> tuple[tuple[int, int], ...]:
    # Several rules ask for the same paragraph in a row (the engine runs every rule on one
    # paragraph before the next), so a few entries make it one scan per paragraph.
    latin = _LATIN.search(text) is not None
    found = sorted(m.span() for pattern, needs in _PROTECTED if (latin if needs == "latin" else needs in text)
                   for m in pattern.finditer(text))
    return tuple(merge(found))


def merge(spans) -> list[tuple[int, int]]:
    """Any spans, sorted and with overlapping ones joined."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


class SpanSet:
    """Membership test for sorted, non-overlapping spans."""

    __slots__ = ("starts", "ends")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    @classmethod
    def union(cls, spans) -> "SpanSet":
        """Membership in any of ``spans`` (unsorted, overlapping), by bisection."""
        return cls(merge(spans))

    def covers(self, start: int, end: int | None = None) -> bool:
        end = start + 1 if end is None else end
        i = bisect.bisect_right(self.starts, start) - 1
        return i >= 0 and self.ends[i] >= end and self.starts[i] <= start


@functools.lru_cache(maxsize=16)
def protected(text: str) -> SpanSet:
    """The protected spans of ``text`` as a membership test (cached; do not modify it)."""
    return SpanSet(list(_protected_spans(text)))


def anchored_finditer(pattern: "regex.Pattern[str]", text: str, trigger: "regex.Pattern[str]",
                      lo: int, hi: int):
    """The matches of ``pattern.finditer(text)``, found by trying ``pattern`` only near triggers.

    For a pattern whose every match has a ``trigger`` match (one character such as 年 or 、)
    between ``lo`` and ``hi`` characters after the match's start. A pattern that begins with a
    lookbehind or a character class cannot skip ahead on a literal and is tried at every
    character; here ``pattern.match`` runs only at the few starts a trigger allows, leftmost
    first, so the matches (and their groups) are exactly those of ``finditer``. Lookbehinds still
    see the text before the start, as in ``finditer``. The pattern must not match empty text.
    Each trigger costs one Python step (about 1 µs), so a text made only of trigger characters
    (a megabyte of 年) is slower than finditer, still linear; prose, where they are rare, is
    many times faster. tests/analysis/test_text.py checks every caller's ``lo``/``hi``.
    """
    nxt = 0  # the first start not yet tried and not inside a match already given
    for tm in trigger.finditer(text):
        t = tm.start()
        s = max(nxt, t - hi)
        while s <= t - lo:
            m = pattern.match(text, s)
            if m is not None:
                yield m
                nxt = m.end()
                break
            s += 1
        else:
            nxt = max(nxt, s)


# Where a line starts: the text's start, or after any line end (\n, \r\n, \r). A line pattern
# (a lookbehind ``(?<![^\r\n])`` or ``^`` in MULTILINE, which holds after \n only: a subset) is
# tried there only, through matches_at: regex tries such an anchor at every character, 35 ns each
# on a page that is one long line; re finds the starts at a quarter of that.
LINE_START = pattern_cache.re_compile(r"(?<![^\r\n])")
# Each line end, whose end is a line start: a character class, which re scans for without trying
# a lookbehind at every character (10 ms for 10 MB against LINE_START's 26); for a text with \r.
_LINE_END_CHAR = pattern_cache.re_compile(r"[\r\n]")
_START, _END = operator.methodcaller("start"), operator.methodcaller("end")
_last_places: tuple[str, list[int]] = ("", [0])


def line_start_places(text: str) -> list[int]:
    """Every position LINE_START matches in ``text``, in order: unlike the lines' starts
    (``gongwen.document.line_starts``), a \r\n has one between its two characters, since a
    line pattern may be tried there. The last text's list is kept:
    the layout scans of one paragraph ask it about ten times (PUN017's conventions, the
    bylines' rosters), and on a page that is one long line each scan was a pass over it all."""
    global _last_places
    last_text, starts = _last_places
    if last_text is not text:
        # Without a \r the places are the lines' starts, which str.split finds fastest.
        starts = line_starts(text) if "\r" not in text else [0, *map(_END, _LINE_END_CHAR.finditer(text))]
        _last_places = (text, starts)
    return starts


def matches_at(pattern: "regex.Pattern[str]", text: str, starts: "re.Pattern[str]"):
    """The matches of ``pattern.finditer(text)``, trying ``pattern`` only where ``starts`` matches.

    Every match of ``pattern`` must start where ``starts`` matches (a necessary condition), and
    ``starts`` must consume at most one character (a lookahead such as ``(?=(.)\\1)`` consumes
    none) so that it finds every such position. The first start at or
    after the end of the previous match where ``pattern`` matches is the leftmost match, as
    finditer gives it. ``starts`` is usually a stdlib ``re`` pattern: it finds candidate
    positions at C speed, and ``regex`` evaluates backreferences and leading character
    classes several times slower. Linear for a pattern of bounded length: each start costs
    one bounded ``match``. tests/analysis/test_dates.py and tests/analysis/test_text.py
    compare every caller with plain finditer.
    """
    nxt = 0
    places = line_start_places(text) if starts is LINE_START else map(_START, starts.finditer(text))
    for s in places:
        if s < nxt:
            continue
        m = pattern.match(text, s)
        if m is not None:
            yield m
            nxt = m.end()
