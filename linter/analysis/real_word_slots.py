"""The slots official writing puts two-character words in, for slips that are themselves words
(部属 for 部署, 形式 for 形势): ``data/real_word_slots.txt``, built by
``data/build_real_word_slots.py``, read on first use.

A word's *slot* is what stands on each side of it: the two characters before it (its left
context) and the two after it (its right context), each character kept if it is Han or a
punctuation mark and reduced to its class otherwise (a digit, a letter, a space or a line's
edge), so that 2027年部属 and 2028年部属 are the same slot. The table lists, for each word a slip could write (the written
word, itself a word of the dictionary) and each common word it could stand for (one character
away, the character a slip could have written for it by TYP013's candidates), the contexts in
which official writing writes the meant word often and the written one rarely: how often each,
and how often each word is written at all. Counted over the tuning half of the clean reports
and the statutes (``build_sources``): the checking half is never read.

The table is what the build writes (``tests/analysis/test_real_word_slots.py``); the judge
(``rules/real_words.py``) weighs the counts.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import ahocorasick_rs

from gongwen.analysis import lazy_regex, lexicon
from gongwen.analysis.char_model import SortedLines

try:
    from gongwen.analysis import _slot_screen
except ImportError:  # the optional extension did not build: the automaton and the comprehension run
    _slot_screen = None

TABLE = "real_word_slots.txt"
# The context beyond the text's start or end, a line break or any space: a line's edge.
EDGE = "¶"
DIGIT = "0"
LETTER = "a"
SIDE = 2  # characters of context on each side


# What a slot reduces a non-Han character to (``_slot_screen.c``'s slot_class lists the same), each class by one pattern of the standard library's
# engine (a character class it tests in C; regex's \p{L} less \p{Han} looked up each character's
# properties, ~280 M instructions over 400 files): a digit, a space or line break, a letter of the
# Latin, Greek or Cyrillic scripts. Han characters, kana and punctuation marks stay as written.
_DIGIT = lazy_regex.stdlib(r"\d")
_SPACE = lazy_regex.stdlib(r"\s")
_LETTER_CLASS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u04ff\uff21-\uff3a\uff41-\uff5a"
_LETTER = lazy_regex.stdlib(f"[{_LETTER_CLASS}]")
_RARE = lazy_regex.stdlib(f"[\\s{_LETTER_CLASS}]")


def slot_text(text: str) -> str:
    """``text`` as the table counts its contexts, with ``SIDE`` edges before and after: its
    character k is the result's character k + SIDE. Built once per text by three substitutions in
    C (a context built character by character in Python was 60% of the rule's time)."""
    mapped = _DIGIT.sub(DIGIT, text)
    if _RARE.search(mapped):  # most units hold no space and no letter: one scan for both
        mapped = _LETTER.sub(LETTER, _SPACE.sub(EDGE, mapped))
    return EDGE * SIDE + mapped + EDGE * SIDE


def left_context(slotted: str, start: int) -> str:
    """The ``SIDE`` characters before text[start], ``slotted`` being ``slot_text(text)``."""
    return slotted[start:start + SIDE]


def right_context(slotted: str, end: int) -> str:
    """The ``SIDE`` characters from text[end] on, ``slotted`` being ``slot_text(text)``."""
    return slotted[end + SIDE:end + 2 * SIDE]


# A meant word's left item as written in its line: the context before its count.
_LEFT_ITEM = lazy_regex.stdlib(r"<(\S\S):")
MEANT_MARK = "="  # before a meant word's key (build_real_word_slots.MEANT_MARK)


@dataclass(frozen=True)
class Counted:
    """How often official writing writes a word, and in each of the contexts the table lists
    for it (left contexts under ``<``, right under ``>``; a context not listed: 0, or under
    the build's ``MIN_CONTEXT`` for a meant word)."""

    count: int
    contexts: dict[str, int]

    def left(self, context: str) -> int:
        return self.contexts.get("<" + context, 0)

    def right(self, context: str) -> int:
        return self.contexts.get(">" + context, 0)


def alternatives(meant: Counted, written: Counted) -> tuple[float, float]:
    """How far official writing uses the written word as an alternative to the meant one (制订
    for 制定, 中止 for 终止, 接到 for 接受): the share of the meant word's listed contexts it writes
    the written word in too, and the written word's count in them all over the meant word's."""
    if not meant.contexts:
        return 0.0, 0.0
    shared = written_sum = 0
    for context in meant.contexts:
        n = written.contexts.get(context, 0)
        shared += n > 0
        written_sum += n
    return shared / len(meant.contexts), written_sum / sum(meant.contexts.values())


LONGER = (3, 4)  # the lengths of the dictionary words a two-character word may stand inside


def longer_words(text: str, start: int, word_count) -> list[str]:
    """The dictionary words (``word_count`` above 0) of three or four characters that hold the
    two characters text[start:start + 2] and reach beyond them: 合法权益 around 权益, 检察院 after 检察."""
    return [text[lo:lo + n] for n in LONGER for lo in range(max(0, start + 2 - n), start + 1)
            if lo + n <= len(text) and word_count(text[lo:lo + n]) > 0]


def _counted(count: str, items: str) -> Counted:
    contexts = {}
    for item in items.split(" ") if items else ():
        at = item.rindex(":")
        contexts[item[:at]] = int(item[at + 1:])
    return Counted(int(count), contexts)


class SlotTable:
    """The table's lines found in the file's bytes (``SortedLines``) and parsed when first
    asked about: a written word's (``<written>\\t<count>\\t<meant> …\\t<contexts>``) and a meant
    word's (``=<meant>\\t<count>\\t<contexts>``). The written words alone (the keys without the
    mark) are the set a scan of the text looks each two characters up in."""

    def __init__(self, data: bytes, screen_key: str | None = None) -> None:
        self._lines = SortedLines(data)
        self._screen_key = screen_key  # the compiled screen's arrays kept under it (the shipped table)
        self._screen = None
        self._written: dict[str, tuple[Counted, tuple[str, ...]] | None] = {}
        self._meant: dict[str, Counted | None] = {}
        self._keys: frozenset[str] | None = None
        self._telling: dict[str, frozenset[str]] = {}
        self._lefts: dict[str, list[str]] = {}
        self._automaton: ahocorasick_rs.AhoCorasick | None = None
        self._order: list[str] = []
        self._by_index: list[frozenset[str] | None] = []  # telling_left of each word in _order, once asked

    @property
    def written_words(self) -> frozenset[str]:
        if self._keys is None:
            self._keys = frozenset(key for key in self._lines.keys() if not key.startswith(MEANT_MARK))
        return self._keys

    def places(self, text: str) -> list[tuple[int, str]]:
        """Where a written word stands in ``text`` (its start, the word), in order, with a left
        context and a right context (as ``slot_text`` has them) each listed for some meant word of
        it and never written with it: the only places the judge can report. Compiled
        (``_slot_screen``): one loop in C over the text, the table itself read only where a place
        passes; else ``places_reference``, which keeps more places (the judge finds the same)."""
        if _slot_screen is None:
            return self.places_reference(text, slot_text(text))
        if self._screen is None:
            self._screen = _slot_screen.Screen(*screen_arrays(self, self._screen_key))
        found = self._screen.places(text)
        return [(k, text[k:k + 2]) for k in found] if found else found  # most units: none, and no comprehension

    def places_reference(self, text: str, slotted: str) -> list[tuple[int, str]]:
        """Where a written word stands in ``text`` (its start, the word), in order, with a left
        context (``slotted``: ``slot_text(text)``) the table lists for some meant word of it
        (``telling_left``): the only places worth judging. The words are
        found by one automaton pass in Rust and the contexts tested in one comprehension (a
        Python look-up at every character, then a call per place, cost three times as much)."""
        if self._automaton is None:
            self._order = sorted(self.written_words)
            self._automaton = ahocorasick_rs.AhoCorasick(self._order, implementation=ahocorasick_rs.Implementation.ContiguousNFA)
            self._by_index = [None] * len(self._order)
        order, by_index, telling = self._order, self._by_index, self.telling_left
        return [(start, order[k]) for k, start, _ in self._automaton.find_matches_as_indexes(text, overlapping=True)
                if slotted[start:start + 2] in (by_index[k] if by_index[k] is not None
                                                else by_index.__setitem__(k, telling(order[k])) or by_index[k])]

    def written(self, word: str) -> tuple[Counted, tuple[str, ...]] | None:
        """The written word's counts and the meant words it could stand for; None if the
        table has no line for it."""
        found = self._written.get(word, False)
        if found is False:
            line = self._lines.get(word)
            if line is None:
                found = None
            else:
                count, meant, items = line.split("\t")
                found = _counted(count, items), tuple(meant.split(" "))
            self._written[word] = found
        return found

    def telling_left(self, word: str) -> frozenset[str]:
        """The left contexts the table lists for some meant word of the written ``word`` (each
        written with it the build's ``MIN_CONTEXT`` times or more): the only places worth
        judging. Read from the meant words' lines as written by one pattern (in C), not parsed:
        most written words a text holds are asked about here and never judged."""
        found = self._telling.get(word)
        if found is None:
            line = self._lines.get(word)  # its meant words, without parsing its own counts
            meant_words = line.split("\t", 3)[1].split(" ") if line else ()
            found = self._telling[word] = frozenset().union(*map(self._left_contexts, meant_words))
        return found

    def _left_contexts(self, meant: str) -> list[str]:
        found = self._lefts.get(meant)
        if found is None:
            found = self._lefts[meant] = _LEFT_ITEM.findall(self._lines.get(MEANT_MARK + meant) or "")
        return found

    def meant(self, word: str) -> Counted:
        found = self._meant.get(word)
        if found is None:
            line = self._lines.get(MEANT_MARK + word)
            found = self._meant[word] = _counted(*line.split("\t")) if line else Counted(0, {})
        return found


def word_key(word: str) -> int:
    """A two-character word as the compiled screen's key (``_slot_screen.c``'s word_key)."""
    return (ord(word[0]) << 21 | ord(word[1])) + 1


def _bmp_key(*chars: str) -> int:
    key = 0
    for char in chars:
        if ord(char) > 0xFFFF:
            raise ValueError(f"{TABLE}: a character beyond the BMP ({char!r}) makes no screen key")
        key = key << 16 | ord(char)
    return key


def screen_keys(table: SlotTable) -> dict[str, list[int]]:
    """The compiled screen's keys, sorted: ``words``, the written words (``word_key``); ``left``,
    each (left context, written word) where the table lists the context for some meant word of it
    and the written word never in it (four code points, 16 bits each), and ``right`` likewise
    (written word, right context). A superset of ``rules/real_words.py``'s ``_side`` for any
    SLOT of at least the build's MIN_CONTEXT, as the table lists no fewer."""
    left, right = set(), set()
    for written in table.written_words:
        own, meant_words = table.written(written)
        for meant in meant_words:
            for context in table.meant(meant).contexts:
                if not own.contexts.get(context):
                    if context[0] == "<":
                        left.add(_bmp_key(*context[1:], *written))
                    else:
                        right.add(_bmp_key(*written, *context[1:]))
    return {"words": sorted(map(word_key, table.written_words)), "left": sorted(left), "right": sorted(right)}


_SCREEN_ARRAYS = ("words", "left", "right")
SCREEN_FORMAT = 1  # what the kept arrays hold; a change of it names them anew


def screen_arrays(table: SlotTable, key: str | None) -> tuple:
    """The screen's three key arrays as flat buffers: mapped from the user's cache folder under
    ``key`` (the shipped table's: ``screen_cache_key``) without numpy when kept there, else built
    from the table (0.85 s of CPU for the shipped one: it is parsed whole) and kept under
    ``key`` (numpy writes them; a run that cannot write builds them again)."""
    from array import array

    from gongwen.analysis import array_cache

    if key is not None:
        parts = array_cache.mapped(key, _SCREEN_ARRAYS)
        if parts is not None:
            return tuple(parts[name] for name in _SCREEN_ARRAYS)
    keys = screen_keys(table)
    if key is not None:
        import numpy

        array_cache.save(numpy, key, {name: numpy.array(keys[name], dtype="<u8") for name in _SCREEN_ARRAYS})
    return tuple(array("Q", keys[name]) for name in _SCREEN_ARRAYS)


def screen_cache_key() -> str:
    """What the shipped table's screen arrays are derived from: the table's version (its stamp,
    ``lexicon.stamp``: read without reading the file) and ``SCREEN_FORMAT``; by the table's bytes
    where it is not a file on disk."""
    import hashlib

    digest = hashlib.sha256(f"{SCREEN_FORMAT}".encode())
    stamp = lexicon.stamp(TABLE)
    digest.update((stamp if stamp is not None else hashlib.sha256(lexicon.binary(TABLE)).hexdigest()).encode())
    return f"real-word-screen-{digest.hexdigest()[:32]}"


@cache
def slots() -> SlotTable:
    key = screen_cache_key()  # the stamp before the bytes (lexicon.stamp)
    return SlotTable(lexicon.binary(TABLE), key)
