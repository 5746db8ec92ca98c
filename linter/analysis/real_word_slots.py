"""The slots official writing puts two-character words in, for slips that are themselves words
(部属 for 部署, 形式 for 形势): ``data/real_word_slots.txt``, built by
``data/build_real_word_slots.py``, read on first use.

A word's *slot* is what stands on each side of it: the two characters before it (its left
context) and the two after it (its right context), each character kept if it is Han and
reduced to its class otherwise (a digit, a letter, a line's edge), so that 2027年部属 and
2028年部属 are the same slot. The table lists, for each word a slip could write (the written
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

from gongwen.analysis import lexicon
from gongwen.analysis.char_model import SortedLines
from gongwen.analysis.han_runs import is_han

TABLE = "real_word_slots.txt"
# The context beyond the text's start or end, a line break or any space: a line's edge.
EDGE = "¶"
DIGIT = "0"
LETTER = "a"
SIDE = 2  # characters of context on each side


def slot_char(ch: str) -> str:
    """A character of a context as the table counts it: a Han character itself, a digit or a
    letter its class, a space or line break the edge, a punctuation mark itself."""
    if is_han(ch):
        return ch
    if ch.isdigit():
        return DIGIT
    if ch.isspace():
        return EDGE
    if ch.isalpha():
        return LETTER
    return ch


def left_context(text: str, start: int) -> str:
    """The ``SIDE`` characters before text[start], as slot characters (the edge beyond the
    text's start)."""
    return "".join(slot_char(text[k]) if k >= 0 else EDGE for k in range(start - SIDE, start))


def right_context(text: str, end: int) -> str:
    """The ``SIDE`` characters from text[end] on, as slot characters."""
    return "".join(slot_char(text[k]) if k < len(text) else EDGE for k in range(end, end + SIDE))


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

    def __init__(self, data: bytes) -> None:
        self._lines = SortedLines(data)
        self._written: dict[str, tuple[Counted, tuple[str, ...]] | None] = {}
        self._meant: dict[str, Counted | None] = {}
        self._keys: frozenset[str] | None = None

    @property
    def written_words(self) -> frozenset[str]:
        if self._keys is None:
            self._keys = frozenset(key for key in self._lines.keys() if not key.startswith(MEANT_MARK))
        return self._keys

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

    def meant(self, word: str) -> Counted:
        found = self._meant.get(word)
        if found is None:
            line = self._lines.get(MEANT_MARK + word)
            found = self._meant[word] = _counted(*line.split("\t")) if line else Counted(0, {})
        return found


@cache
def slots() -> SlotTable:
    return SlotTable(lexicon.binary(TABLE))
