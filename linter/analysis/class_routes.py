"""A route whose matches start with a few fixed-length sequences of character classes, searched
by one compiled loop instead of ``re``.

A route (gongwen.analysis.routing) is searched in the whole text of every document. The date
and year routes and NUM004's approximation words are such patterns (a numeral before 年 or 月;
19 or 20, two digits and a character other than 年; 约 or 接近 before a numeral), and their
first class holds characters common in reports (digits, 一, 十, 近), where ``re`` reads 3-4 ns a
character: 10-14 ms each over the benchmark's 1,000 files. ``class_route(pattern)`` gives back
a stand-in for the pattern whose ``search`` asks the compiled finder (gongwen.analysis.
_class_routes) for the first place where one of the pattern's sequences of classes matches,
and ``re`` for the match there; its ``finditer`` and ``findall`` let ``re`` iterate from the
finder's first place (no match starts before it); everything else is the pattern's own.

The sequences are read from the pattern itself (``sequences``): literals, classes of literals
and ranges (negated or not), ``.``, alternations, groups, repeats of bounded count and a
lookahead that ends its branch. Other zero-width assertions (a lookbehind, a negative
lookahead, an anchor, ``\\b``) are left out, and anything else that takes characters (``\\d``,
an unbounded repeat past its least count, a back reference) ends the sequence there: both only
weaken it. Each sequence is thus a necessary condition of a match starting where it matches
(exactly that condition for a pattern of the first kinds only), so a match the finder misses
cannot exist; where ``re`` finds none at a place it found, the search goes on after it. A flag,
or a branch that may start a match without taking a character, raises ValueError.
tests/analysis/test_class_routes.py compares ``search``, ``finditer`` and ``findall`` with the
pattern's over thousands of generated texts, and the compiled finder with ``plain_find``.
Without the compiled finder, each is the pattern's.
"""
from __future__ import annotations

import re
import sys
from re import _constants as sre  # the parser's opcodes (Python 3.11+)
from re import _parser
from typing import Any, Iterator, NamedTuple

from gongwen.analysis import pattern_cache

try:
    from gongwen.analysis import _class_routes
except ImportError:  # not built: routes are searched with re
    _class_routes = None

MAX_SEQUENCES = 1024
MAX_LENGTH = 32  # the compiled finder's limit
MAX_CLASSES = 64  # a class is a bit of a kind's 64-bit mask
MAX_KINDS = 256  # a kind is one byte
_BMP = 0x10000


class CharClass(NamedTuple):
    """The characters ``chars`` (code points), or every other one when ``negated``."""

    chars: frozenset[int]
    negated: bool

    def holds(self, ch: str) -> bool:
        return (ord(ch) in self.chars) != self.negated


Sequence = tuple[CharClass, ...]


def sequences(pattern: "re.Pattern[str]") -> list[Sequence]:
    """The sequences of classes the matches of ``pattern`` start with: a match starts at p only
    where one of them matches text[p:p + len] (see the module's docstring for where exactly
    there). ValueError for a pattern with a flag or a match that may take no character."""
    if not isinstance(pattern.pattern, str) or pattern.flags & (re.IGNORECASE | re.MULTILINE):
        raise ValueError(f"not a route of character classes: {pattern.pattern!r}")
    dotall = bool(pattern.flags & re.DOTALL)
    found = [seq for seq, _ in _sequence(_parser.parse(pattern.pattern, pattern.flags), dotall)]
    if not found or not all(found):
        raise ValueError(f"a route's match takes at least one character: {pattern.pattern!r}")
    return list(dict.fromkeys(found))


# What an item gives that takes nothing (a zero-width assertion left out), and one that ends
# the sequence (what the item and the items after it take is not read).
_NOTHING: list[tuple[Sequence, bool]] = [((), False)]
_END: list[tuple[Sequence, bool]] = [((), True)]


def _sequence(items: Any, dotall: bool) -> list[tuple[Sequence, bool]]:
    """The items of a (sub)pattern one after another: (sequence, closed) pairs, closed when a
    lookahead or an item not read ended it (what follows is not appended)."""
    found: list[tuple[Sequence, bool]] = [((), False)]
    for op, av in items:
        if all(closed for _, closed in found):
            break
        after = _item(op, av, dotall)
        joined = []
        for head, closed in found:
            if closed:
                joined.append((head, True))
                continue
            joined.extend((head + tail, tail_closed) for tail, tail_closed in after)
        if len(joined) > MAX_SEQUENCES or any(len(seq) > MAX_LENGTH for seq, _ in joined):
            raise ValueError("a route of too many or too long sequences")
        found = joined
    return found


def _item(op: Any, av: Any, dotall: bool) -> list[tuple[Sequence, bool]]:
    if op is sre.LITERAL:
        return [((CharClass(frozenset((av,)), False),), False)]
    if op is sre.NOT_LITERAL:
        return [((CharClass(frozenset((av,)), True),), False)]
    if op is sre.ANY:
        return [((CharClass(frozenset() if dotall else frozenset((10,)), True),), False)]
    if op is sre.IN:
        try:
            return [((_char_class(av),), False)]
        except ValueError:  # \\d, \\w ... in the class
            return _END
    if op is sre.BRANCH:
        return [alt for branch in av[1] for alt in _sequence(branch, dotall)]
    if op is sre.SUBPATTERN:
        _, add_flags, del_flags, items = av
        if add_flags or del_flags:
            raise ValueError("no inline flags in a route")
        return _sequence(items, dotall)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, items = av
        if high is sre.MAXREPEAT or (op is sre.POSSESSIVE_REPEAT and low != high):
            # its least count is taken; the rest may take any number (or, possessive, change
            # what follows can match)
            least = _sequence([(sre.SUBPATTERN, (None, 0, 0, items))] * low, dotall)
            return [(seq, True) for seq, _ in least]
        found = []
        for count in range(low, high + 1):
            found.extend(_sequence([(sre.SUBPATTERN, (None, 0, 0, items))] * count, dotall))
        return found
    if op is sre.ASSERT and av[0] == 1:  # a lookahead: what follows, not taken
        return [(seq, True) for seq, _ in _sequence(av[1], dotall)]
    if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):  # zero-width: a condition left out
        return _NOTHING
    return _END


def _char_class(items: Any) -> CharClass:
    chars: set[int] = set()
    negated = False
    for op, av in items:
        if op is sre.NEGATE:
            negated = True
        elif op is sre.LITERAL:
            chars.add(av)
        elif op is sre.RANGE:
            chars.update(range(av[0], av[1] + 1))
        else:
            raise ValueError(f"a route's class names characters and ranges only: {op}")
    return CharClass(frozenset(chars), negated)


def plain_find(found: list[Sequence], text: str, pos: int = 0, endpos: int = sys.maxsize) -> int:
    """The first place in [pos, endpos) where one of ``found`` matches, every character before
    endpos; -1 if none: what the compiled finder answers, in Python (the reference of its test)."""
    end = min(endpos, len(text))
    for p in range(max(pos, 0), end):
        for seq in found:
            if p + len(seq) <= end and all(cls.holds(text[p + i]) for i, cls in enumerate(seq)):
                return p
    return -1


def compiled_finder(found: list[Sequence]) -> Any:
    """The compiled finder of ``found`` (None when the extension is not built, a class names a
    character beyond the BMP, which the finder reads as kind 0, or the classes need more bits
    or kinds than it has)."""
    parts = _finder_parts(found)
    return None if parts is None else _class_routes.Finder(*parts)


def kept_finder(pattern: "re.Pattern[str]") -> Any:
    """``compiled_finder(sequences(pattern))``, its constructor's arguments kept between runs in
    the pattern cache's file (gongwen.analysis.pattern_cache.kept). Parsing a route and
    building its kind table cost ~0.1-1 ms a route in Python (~30 M instructions a process
    for the default rules' two dozen finders: the classes' sets of characters and each
    character's kind); read back, the table is rebuilt from its runs of one kind. Keyed by
    this module's source (its digest names the deriving code) and the pattern's."""
    version = _source_version()
    if _class_routes is None or version is None or not isinstance(pattern.pattern, str):
        return compiled_finder(sequences(pattern))
    parts = pattern_cache.kept(f"route-finder-{version}", pattern.pattern, pattern.flags,
                               lambda: _finder_parts(sequences(pattern)), _parts_entry, _parts_from_entry)
    if parts is None:
        return None
    try:
        return _class_routes.Finder(*parts)
    except (TypeError, ValueError):  # (an entry _parts_from_entry let through: built anew)
        return compiled_finder(sequences(pattern))


_version: list[str | None] = []


def _source_version() -> str | None:
    """The first 16 hex digits of the SHA-1 of this file, read once a process (None where it
    cannot be read: nothing is then kept)."""
    if not _version:
        try:
            import hashlib

            with open(__file__, "rb") as f:
                _version.append(hashlib.sha1(f.read()).hexdigest()[:16])
        except (OSError, TypeError, NameError):
            _version.append(None)
    return _version[0]


def _parts_entry(parts: tuple[bytes, list[int], list[bytes]]) -> list:
    """The kind table as its runs of one kind other than 0 ([first, length, kind, ...]), the
    members, each sequence's class numbers."""
    table, members, found = parts
    runs: list[int] = []
    for m in re.finditer(rb"([^\x00])\1*", table, re.DOTALL):  # a run of one kind other than 0
        runs += [m.start(), m.end() - m.start(), table[m.start()]]
    return [runs, list(members), [list(seq) for seq in found]]


def _parts_from_entry(entry: list) -> tuple[bytes, list[int], list[bytes]]:
    runs, members, found = entry
    table = bytearray(_BMP)
    for i in range(0, len(runs), 3):
        at, length, kind = runs[i], runs[i + 1], runs[i + 2]
        if not 0 <= at < at + length <= _BMP:
            raise ValueError("a run of the kind table outside it")
        table[at:at + length] = bytes((kind,)) * length
    # What the finder's constructor refuses is no entry of ours (a damaged file): refused here,
    # where the pattern cache then builds the finder from the pattern.
    if len(members) > MAX_KINDS or not all(m.__class__ is int and 0 <= m < 1 << 64 for m in members) \
            or not all(0 < len(seq) <= MAX_LENGTH and max(seq) < MAX_CLASSES for seq in found):
        raise ValueError("not a finder's arguments")
    return bytes(table), list(members), [bytes(seq) for seq in found]


def _finder_parts(found: list[Sequence]) -> tuple[bytes, list[int], list[bytes]] | None:
    """What compiled_finder gives _class_routes.Finder: the kind of each BMP code point, each
    kind's set of classes (a bit each), each sequence's class numbers; None as there."""
    classes = list(dict.fromkeys(cls for seq in found for cls in seq))
    if _class_routes is None or len(classes) > MAX_CLASSES \
            or any(c >= _BMP for cls in classes for c in cls.chars):
        return None
    # Kind 0: every character no class names; it is in the negated classes.
    unnamed = sum(1 << i for i, cls in enumerate(classes) if cls.negated)
    kinds = {unnamed: 0}
    kind_of = bytearray(_BMP)
    for c in set().union(*(cls.chars for cls in classes)):
        member = sum(1 << i for i, cls in enumerate(classes) if (c in cls.chars) != cls.negated)
        kind_of[c] = kinds.setdefault(member, len(kinds))
    if len(kinds) > MAX_KINDS:
        return None
    number = {cls: i for i, cls in enumerate(classes)}
    return bytes(kind_of), list(kinds), [bytes(number[cls] for cls in seq) for seq in found]


class ClassRoute:
    """``pattern`` with its ``search``, ``finditer`` and ``findall`` led by the compiled finder of
    its sequences; every other attribute is the pattern's. Hashed as itself: a route is a memo key
    (routing.units_holding). A match found so has for ``pos`` the place its search began at (the
    finder's), not the ``pos`` asked; everything else of it is the pattern's."""

    def __init__(self, pattern: "re.Pattern[str]") -> None:
        self.regex = pattern
        self._finder: Any = None
        self._built = False
        self._match = pattern.match

    def _build(self) -> Any:
        self._finder = kept_finder(self.regex)  # (a race builds it twice, alike)
        self._built = True
        return self._finder

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> "re.Match[str] | None":
        finder = self._finder if self._built else self._build()
        if finder is None:
            return self.regex.search(text, pos, endpos)
        return finder.search(self._match, text, pos, endpos)  # match at each place it stops at

    # finditer and findall: the finder skips to the first place a match may start, re iterates
    # from there. No match starts before it, so re finds the same matches (empty ones too) as
    # from pos. The finder is not asked again between matches: a call of ``match`` costs more
    # than re's own scan to the next one when they are close (the numeral runs: 33 ms against
    # 28 ms over the 1,000 files' paragraphs, driven so), and most texts that hold one match of
    # a rare route (a percent sign) hold few.

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> "Iterator[re.Match[str]]":
        finder = self._finder if self._built else self._build()
        if finder is None:
            return self.regex.finditer(text, pos, endpos)
        at = finder.find(text, pos, endpos)
        return self.regex.finditer(text, at, endpos) if at >= 0 else iter(())

    def findall(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        finder = self._finder if self._built else self._build()
        if finder is None:
            return self.regex.findall(text, pos, endpos)
        at = finder.find(text, pos, endpos)
        return self.regex.findall(text, at, endpos) if at >= 0 else []

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # (pickle and copy ask before __init__ has run)
            raise AttributeError(name)
        return getattr(self.regex, name)

    def __getstate__(self) -> "re.Pattern[str]":
        return self.regex  # the finder is built again where it is used: a C object pickles not

    def __setstate__(self, regex: "re.Pattern[str]") -> None:
        self.__init__(regex)

    def __repr__(self) -> str:
        return f"class_route({self.regex!r})"


def class_route(pattern: "re.Pattern[str]") -> ClassRoute:
    """``pattern`` searched by the compiled finder (see the module's docstring)."""
    return ClassRoute(pattern)
