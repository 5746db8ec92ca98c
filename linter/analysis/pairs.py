"""Paired marks: quotes, brackets and 书名号 matched by order in one pass per paragraph.

The scan the PUN rules on paired marks share (unit_pairs memoises it per unit): which marks
open and never close, close unopened or cross, and every matched pair with the pair of its
family around it.
"""
from __future__ import annotations

import re
from typing import NamedTuple


from gongwen.analysis import lazy_regex
from gongwen.analysis.text import protected
from gongwen.document import Document, TextUnit
from gongwen.analysis import pattern_cache
from gongwen.analysis.class_routes import class_route

# ASCII brackets pair with full-width ones: an NFKC-normalised text writes 村(社区), and a
# typist may close （ with ). Width is PUN001's concern, not this rule's.
OPENERS = {"“": "quote", "‘": "single-quote", "《": "title", "〈": "single-title",
           "（": "paren", "(": "paren", "【": "lenticular", "〔": "tortoise", "「": "corner",
           "『": "double-corner", "［": "square", "[": "square"}
CLOSERS = {"”": "quote", "’": "single-quote", "》": "title", "〉": "single-title",
           "）": "paren", ")": "paren", "】": "lenticular", "〕": "tortoise", "」": "corner",
           "』": "double-corner", "］": "square", "]": "square"}
MARK_NAMES = {"“": "左双引号", "”": "右双引号", "‘": "左单引号", "’": "右单引号",
              "《": "左书名号", "》": "右书名号", "〈": "左单书名号", "〉": "右单书名号",
              "（": "左括号", "(": "左括号", "）": "右括号", ")": "右括号",
              "【": "左方头括号", "】": "右方头括号", "〔": "左六角括号", "〕": "右六角括号",
              "「": "左直角引号", "」": "右直角引号", "『": "左双直角引号", "』": "右双直角引号",
              "［": "左方括号", "[": "左方括号", "］": "右方括号", "]": "右方括号"}
# A plain class of literal characters: the standard library's ``re`` scans it about twice as
# fast as ``regex`` and matches exactly the same characters; its searches go through the
# compiled finder (class_routes), where ``re`` would call its charset test once a character.
PAIRED_MARK = class_route(pattern_cache.re_compile("[" + re.escape("".join(OPENERS) + "".join(CLOSERS)) + "]"))
# A list marker such as 1） or a) at the start of a paragraph closes nothing.
_LIST_MARKER = lazy_regex.compile(r"^[\s\u3000\xa0]*(?:[0-9]{1,3}|[A-Za-z]|[一二三四五六七八九十]{1,3})[)）]")
# First characters no list marker starts with (a paired mark is no blank, digit, letter or
# numeral): a paragraph opening with one, such as every （一） heading, skips the match.
# tests/analysis/test_pairs.py compares the scan with and without this shortcut.
_NOT_MARKER_START = frozenset(OPENERS) | frozenset(CLOSERS)


_APOSTROPHE = lazy_regex.compile(r"(?<=[A-Za-z])’(?=[A-Za-z])|’(?=[0-9]{2}(?![0-9]))")


def _is_apostrophe(text: str, i: int) -> bool:
    """’ between Latin letters (don’t) or before a two-digit year (’99) is an apostrophe."""
    return _APOSTROPHE.match(text, i) is not None


class PairScan(NamedTuple):
    """What one ordered pass over a paragraph's paired marks finds."""

    # (offset, problem, partner): problem is "unopened", "unclosed" or "crossed".
    problems: list[tuple[int, str, int | None]]
    # (open, close, kind, enclosing): every matched pair, with the offset of the opener of the
    # nearest matched pair of the same family around it (None at top level).
    pairs: list[tuple[int, int, str, int | None]]


# Kinds whose nesting GB/T 15834 regulates: double inside double is wrong, and so on.
FAMILY = {"quote": "quote", "single-quote": "quote", "title": "title", "single-title": "title"}


_NO_MARKS = PairScan((), ())  # shared, so immutable
# Marks that no protected span (gongwen.analysis.text) can hold: the URL and www. patterns exclude
# them from their bodies, and the others hold only ASCII, Han, 〔〕 and digits.
# tests/analysis/test_pairs.py checks this against the patterns themselves.
_NEVER_PROTECTED = frozenset("“”《》（）")


def scan_pairs(text: str, never_protected: frozenset[str] | None = None) -> PairScan:
    """Match paired marks by order with one stack (linear: every opener is pushed and popped
    at most once; a closer whose kind has no open mark is settled in O(1) from a counter).

    ``never_protected`` (default ``_NEVER_PROTECTED``) are the marks for which the protected
    spans are not consulted; an empty set consults them for every mark, as the test of that
    shortcut does."""
    if never_protected is None:
        never_protected = _NEVER_PROTECTED
    first = PAIRED_MARK.search(text)
    if first is None:
        return _NO_MARKS  # most paragraphs hold no paired mark at all
    one = _one_pair(text, first) if never_protected is _NEVER_PROTECTED else None
    if one is not None:
        return one
    # The protected spans are scanned only when a mark that one of them can hold turns up
    # (most paragraphs pair only “” 《》 （）, which none can hold: see _NEVER_PROTECTED).
    covers = None  # None: nothing is protected
    looked = False
    marker_at = -1
    if (")" in text or "）" in text) and text[0] not in _NOT_MARKER_START:  # a list marker ends with ) or ）
        marker = _LIST_MARKER.match(text)
        if marker:
            marker_at = marker.end() - 1
    stack: list[tuple[int, str]] = []
    open_count: dict[str, int] = {}  # kind -> marks of it open on the stack (absent: none)
    problems: list[tuple[int, str, int | None]] = []
    closed: list[tuple[int, int, str]] = []
    for m in PAIRED_MARK.finditer(text):
        i = m.start()
        if i == marker_at:
            continue
        ch = m.group()
        if ch not in never_protected:
            if not looked:
                looked = True
                skip = protected(text)
                covers = skip.covers if skip.starts else None
            if covers is not None and covers(i):
                continue
        kind = OPENERS.get(ch)
        if kind is not None:
            stack.append((i, kind))
            open_count[kind] = open_count.get(kind, 0) + 1
            continue
        kind = CLOSERS[ch]
        if ch == "’" and _is_apostrophe(text, i):
            continue
        if not open_count.get(kind):
            problems.append((i, "unopened", None))
            continue
        while stack:
            j, top = stack.pop()
            open_count[top] -= 1
            if top == kind:
                closed.append((j, i, kind))
                break
            problems.append((j, "crossed", i))
    problems.extend((j, "unclosed", None) for j, _ in stack)
    if not closed:
        return PairScan(sorted(problems), [])
    return PairScan(sorted(problems), _with_enclosing(sorted(closed)))


# Marks _one_pair may settle without the stack: those no protected span can hold, and of
# them none is an apostrophe. Only the default scan takes it (an explicit never_protected is
# the test's plain scan). tests/analysis/test_pairs.py compares with the stack scan.
_ONE_PAIR_MARKS = _NEVER_PROTECTED


def _one_pair(text: str, first: re.Match) -> PairScan | None:
    """The scan of a paragraph whose only paired marks are one opener and, after it, its
    closer (a （一） heading, a 《title》): the pair, with nothing to report. None for any
    other paragraph, which the stack scan reads."""
    a = first.group()
    if a not in _ONE_PAIR_MARKS or a not in OPENERS:
        return None
    second = PAIRED_MARK.search(text, first.end())
    if second is None:
        return None
    b = second.group()
    if (b not in _ONE_PAIR_MARKS or CLOSERS.get(b) != OPENERS[a]
            or PAIRED_MARK.search(text, second.end()) is not None):
        return None
    # No list marker to skip: one (1）) has only blanks and its number before its closer.
    return PairScan([], [(first.start(), second.start(), OPENERS[a], None)])


# The marks whose pairing needs nothing but their order (no protected span holds them, none
# is an apostrophe): a paragraph whose marks are all of these and nest has no problem.
_NESTING_OPENERS = {ch: kind for ch, kind in OPENERS.items() if ch in _NEVER_PROTECTED}
_NESTING_CLOSERS = {ch: kind for ch, kind in CLOSERS.items() if ch in _NEVER_PROTECTED}
_NESTING_PAIRS = [(a, b) for a, kind in _NESTING_OPENERS.items() for b, other in _NESTING_CLOSERS.items() if kind == other]
_COUNT_FIRST = 32  # marks of a paragraph above which its counts of each kind are compared first


def plain_nests(text: str) -> bool:
    """Whether ``scan_pairs(text)`` can be told to find no problem without running it: every
    paired mark is one of _NEVER_PROTECTED and each closer closes the latest open mark, so
    the scan's stack pairs them all (（一）, 《…“…”》, a paragraph without marks). A list
    marker's closer (1）) is its paragraph's first mark, which never nests: it is not skipped
    here and not needed. tests/analysis/test_pairs.py compares with scan_pairs. The reference
    of ``nests`` and its path where ``_nesting`` is not built."""
    marks = PAIRED_MARK.findall(text)
    # As many openers as closers of each kind, or no nesting: a paragraph of many marks (a line
    # of 300,000 “) is told unbalanced at C speed, before the loop below. Decided by its number
    # of marks, not its length: six counts over each long paragraph of prose (a few marks in
    # 500 characters) cost more than the loop they could spare (0.026 -> 0.018 s for the
    # benchmark's 22,971 paragraphs).
    if len(marks) > _COUNT_FIRST and any(text.count(a) != text.count(b) for a, b in _NESTING_PAIRS):
        return False
    stack = []
    for ch in marks:
        kind = _NESTING_OPENERS.get(ch)
        if kind is not None:
            stack.append(kind)
        elif not stack or _NESTING_CLOSERS.get(ch) != stack.pop():
            return False
    return not stack


def _compiled_nests():
    """``_nesting.nests`` given this module's marks, or None where it is not built. One pass
    over the code points instead of a findall and a walk of the marks (PUN003 asks every
    paragraph: 0.0165 -> 0.004 s over the benchmark's 22,971); plain_nests is its reference
    (tests/analysis/test_nesting_compiled.py)."""
    try:
        from gongwen.analysis import _nesting
    except ImportError:  # not built (no C compiler at install)
        return None
    # One closer per kind and one opener (“” 《》 （）): set_marks pairs them one to one.
    openers, closers = ("".join(side) for side in zip(*_NESTING_PAIRS))
    assert sorted(openers) == sorted(_NESTING_OPENERS) and sorted(closers) == sorted(_NESTING_CLOSERS)
    others = "".join(ch for ch in (*OPENERS, *CLOSERS) if ch not in _NESTING_OPENERS and ch not in _NESTING_CLOSERS)
    _nesting.set_marks(openers, closers, others)
    return _nesting.nests


nests = _compiled_nests() or plain_nests


def _with_enclosing(closed: list[tuple[int, int, str]]) -> list[tuple[int, int, str, int | None]]:
    """Attach to each matched pair (sorted by opener) the nearest matched pair of its family
    that contains it. Matched pairs never cross, so one stack per family suffices."""
    out = []
    around: dict[str, list[tuple[int, int]]] = {}
    for start, end, kind in closed:
        family = FAMILY.get(kind)
        if family is None:
            out.append((start, end, kind, None))
            continue
        stack = around.setdefault(family, [])
        while stack and stack[-1][1] < start:
            stack.pop()
        out.append((start, end, kind, stack[-1][0] if stack else None))
        stack.append((start, end))
    return out


def unit_pairs(doc: Document, unit: TextUnit) -> PairScan:
    return doc.unit_memo(scan_pairs, unit, unit.text)
