"""What every match of a route holds, answered for every route by one compiled pass per document.

A route (gongwen.analysis.routing) is searched in the whole text of every document, and most
documents hold no match: a stdlib ``re`` search led by a class of common marks costs 3-4 ns a
character (the doubled marks 。。 or ，， 16 ms over the benchmark's 1,000 files for 2 matches).
When every match of a route holds a character of one set right before one of another
(``needs_pair``), one pass of the trigger scanner (gongwen.analysis._trigger_scan, 0.4 ns a
character) over the document's text answers all such pairs at once, and a route whose pair the
document lacks is not searched: it can hold no match.
A route of a two-character word said again one or two characters on (TYP002's verb gate,
``needs_echo``) is answered by another compiled pass, which asks for any word's characters
echoed so (``_trigger_scan.echoed_pair``).

The screen only spares searches that would find nothing, so findings cannot change when a
declared pair is necessary; tests/analysis/test_route_screen.py checks every declaration against
its pattern over thousands of generated texts. Without the compiled scanner every route is
searched, as before.
"""
from __future__ import annotations

from typing import Any, Iterable

from gongwen.analysis.route_keys import RouteKey, route_key
from gongwen.document import Document

try:
    from gongwen.analysis import _trigger_scan
except ImportError:  # not built: no screen, every route searched
    _trigger_scan = None

_MAX_PAIRS = 64  # a pair is a bit of the scanner's 64-bit mask
_MAX_KINDS = 256  # a kind of character is one byte

# pattern -> (first, second): every match holds a character of first right before one of second.
_PAIRS: dict[Any, tuple[str, str]] = {}
# The route key of every pattern object declared to needs_pair: what may_match looks up.
_PAIRED: set[RouteKey] = set()
# [(scanner, route key -> its pair's bit)], or [None] where no scanner is built; emptied when a
# pair is declared, so that the next document's screen builds it again.
_built: list[Any] = []


def needs_pair(pattern: Any, first: str, second: str) -> Any:
    """Declare that every match of ``pattern`` holds a character of ``first`` right before one
    of ``second`` (BMP characters only); gives back ``pattern``, so a declaration reads
    ``ROUTE = needs_pair(re.compile(...), "。", "。")``."""
    if not first or not second or any(ord(ch) > 0xFFFF for ch in first + second):
        raise ValueError("a route's pair names BMP characters on both sides")
    if _PAIRS.get(pattern) != (first, second):  # (each plan compiles its triggers again)
        _PAIRS[pattern] = (first, second)
        _built.clear()
    key = route_key(pattern, pinned=True)
    if key not in _PAIRED:
        _PAIRED.add(key)
        _built.clear()
    return pattern


def needs_echo(pattern: Any, words: Iterable[str]) -> Any:
    """Declare that every match of ``pattern`` holds one of ``words`` (two BMP characters each)
    and the same word again one or two characters after it (推进落实推进: a route like
    ``(推进|落实).{1,2}\\1``); gives back ``pattern``. Answered by one compiled pass over the
    document's text (_trigger_scan.echoed_pair), which asks only that the first character be
    a word's first and the second a word's second (plain_echoed says the same in Python)."""
    table = bytearray(0x10000)
    for word in words:
        if len(word) != 2 or max(word) > "\uffff":
            raise ValueError(f"an echoed word is two BMP characters: {word!r}")
        table[ord(word[0])] |= _ECHO_FIRST
        table[ord(word[1])] |= _ECHO_SECOND
    _ECHOES[pattern] = _ECHOED[route_key(pattern, pinned=True)] = bytes(table)
    return pattern


_ECHO_FIRST, _ECHO_SECOND = 1, 2  # the kinds of _trigger_scan.echoed_pair's table
_ECHOES: dict[Any, bytes] = {}  # pattern -> its words' table
_ECHOED: dict[RouteKey, bytes] = {}  # the same by each declared pattern object's route key


def plain_echoed(text: str, table: bytes) -> bool:
    """What _trigger_scan.echoed_pair answers, in Python: the reference of its test."""
    def kind(ch: str) -> int:
        return table[ord(ch)] if ord(ch) < 0x10000 else 0
    for i in range(len(text) - 4):
        a, b = text[i], text[i + 1]
        if kind(a) & _ECHO_FIRST and kind(b) & _ECHO_SECOND and (
                text[i + 3:i + 5] == a + b or text[i + 4:i + 6] == a + b):
            return True
    return False


def may_match(doc: Document, pattern: Any) -> bool:
    """False when ``doc.text`` lacks what is declared of every match of ``pattern``
    (``needs_pair``, ``needs_echo``), so that no search of the text can match; True otherwise
    (nothing declared, the scanner not built, or the document holds it)."""
    key = route_key(pattern)  # (a pattern's own hash reads its whole program: gongwen.analysis.route_keys)
    if key not in _PAIRED:
        table = _ECHOED.get(key)
        if table is None or _trigger_scan is None:
            return True
        return doc.memo((may_match, key), lambda: _trigger_scan.echoed_pair(doc.text, table))
    built = _scanner()
    if built is None:
        return True
    scanner, bits = built
    # keyed by the scanner too: a pair declared later builds another, with other bits
    return bool(doc.memo((may_match, scanner), lambda: scanner.classes(doc.text)) & bits[key])


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
    # every declared pattern object's key, with the pair its pattern has now
    return [(scanner, {key: bit[_PAIRS[key.route]] for key in _PAIRED})]
