"""A route's necessary pair, answered for every route at once by one compiled pass per document.

A route (gongwen.analysis.routing) is searched in the whole text of every document, and most
documents hold no match: a stdlib ``re`` search led by a class of common marks costs 3-4 ns a
character (the doubled marks 。。 or ，， 16 ms over the benchmark's 1,000 files for 2 matches).
When every match of a route holds a character of one set right before one of another
(``needs_pair``), one pass of the trigger scanner (gongwen.analysis._trigger_scan, 0.4 ns a
character) over the document's text answers all such pairs at once, and a route whose pair the
document lacks is not searched: it can hold no match.

The screen only spares searches that would find nothing, so findings cannot change when a
declared pair is necessary; tests/analysis/test_route_screen.py checks every declaration against
its pattern over thousands of generated texts. Without the compiled scanner every route is
searched, as before.
"""
from __future__ import annotations

from typing import Any

from gongwen.document import Document

try:
    from gongwen.analysis import _trigger_scan
except ImportError:  # not built: no screen, every route searched
    _trigger_scan = None

_MAX_PAIRS = 64  # a pair is a bit of the scanner's 64-bit mask
_MAX_KINDS = 256  # a kind of character is one byte

# pattern -> (first, second): every match holds a character of first right before one of second.
_PAIRS: dict[Any, tuple[str, str]] = {}
_built: list[Any] = []  # [scanner, bit of each pattern], rebuilt when a pair is declared


def needs_pair(pattern: Any, first: str, second: str) -> Any:
    """Declare that every match of ``pattern`` holds a character of ``first`` right before one
    of ``second`` (BMP characters only); gives back ``pattern``, so a declaration reads
    ``ROUTE = needs_pair(re.compile(...), "。", "。")``."""
    if not first or not second or any(ord(ch) > 0xFFFF for ch in first + second):
        raise ValueError("a route's pair names BMP characters on both sides")
    if _PAIRS.get(pattern) != (first, second):  # (each plan compiles its triggers again)
        _PAIRS[pattern] = (first, second)
        _built.clear()
    return pattern


def may_match(doc: Document, pattern: Any) -> bool:
    """False when ``doc.text`` lacks the pair declared for ``pattern``, so that no search of
    the text can match; True otherwise (no pair declared, no scanner built, or the pair held)."""
    if pattern not in _PAIRS:
        return True
    built = _scanner()
    if built is None:
        return True
    scanner, bits = built
    # keyed by the scanner too: a pair declared later builds another, with other bits
    return bool(doc.memo((may_match, scanner), lambda: scanner.classes(doc.text)) & bits[pattern])


def _scanner() -> tuple[Any, dict[Any, int]] | None:
    if not _built:
        _built.extend(_build())
    return _built[0]


def _build() -> list[Any]:
    pairs = list(dict.fromkeys(_PAIRS.values()))
    if _trigger_scan is None or not pairs or len(pairs) > _MAX_PAIRS:
        return [None]
    bit = {pair: 1 << k for k, pair in enumerate(pairs)}
    kinds = {(0, 0, 0): 0}
    kind_of = bytearray(0x10000)
    for ch in set().union(*(first + second for first, second in pairs)):
        opens = sum(b for (first, _), b in bit.items() if ch in first)
        closes = sum(b for (_, second), b in bit.items() if ch in second)
        kind_of[ord(ch)] = kinds.setdefault((0, opens, closes), len(kinds))
    if len(kinds) > _MAX_KINDS:
        return [None]
    scanner = _trigger_scan.Scanner(bytes(kind_of), *zip(*kinds))
    return [(scanner, {pattern: bit[pair] for pattern, pair in _PAIRS.items()})]
