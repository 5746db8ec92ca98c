"""Numbers read together with their unit and approximation words, once per unit.

``2.9万余件`` is the numeral ``2.9万`` (29000) with ``余`` after it and the unit ``件``;
``约300人左右`` is ``300`` with ``约`` before and ``左右`` after its unit ``人``. Several rules
(double approximation, totals and parts, the same metric stated twice) need this reading, so
it is built here once per document unit from the numeral layer and the word lists in
``rules/data/unit_words.toml`` (tag ``unit``) and ``rules/data/approximators.toml``.
"""
from __future__ import annotations

from dataclasses import dataclass
import re
from functools import cache

import regex

from gongwen.analysis import lazy_regex
from gongwen.document import Document, TextUnit
from gongwen.analysis.numerals import Numeral, numerals_in
from gongwen.analysis import lexicon, unit_words
from gongwen.analysis import pattern_cache
from gongwen.slotted import positional


@dataclass(frozen=True, slots=True)
class Quantity:
    numeral: Numeral
    unit: str  # "%", "件", "万元", "个百分点" … or "" when none follows
    end: int  # end of the numeral, its approximation suffix, unit and trailing approximation
    before: str = ""  # approximation word right before the number (约, 近 …)
    after: str = ""  # approximation right after the digits (余, 多)
    after_unit: str = ""  # approximation after the unit (左右, 以上 …)

    @property
    def start(self) -> int:
        return self.numeral.start

    @property
    def value(self) -> float | None:
        return self.numeral.value

    @property
    def approximate(self) -> bool:
        return bool(self.before or self.after or self.after_unit)


# The end of a sentence: figures that must agree are looked for inside one.
SENTENCE_END = lazy_regex.compile(r"[。；;！？!?\n]")


def alternation(words) -> regex.Pattern:
    """One pattern matching any of the words, the longest first (签约 before 约)."""
    return pattern_cache.regex_compile(lexicon.alternation(words))


def word_pattern(name: str) -> regex.Pattern:
    """An alternation of the entries of the word list ``data/<name>``."""
    return alternation(lexicon.words(name))


@cache
def _patterns() -> dict[str, regex.Pattern]:
    """One alternation per word list, longest first; ``*_before`` ones match at the end."""
    found = {k: lazy_regex.compile(lexicon.alternation(v)) for k, v in _words().items()}
    for k in ("before", "not_before"):
        found[k] = lazy_regex.compile(f"(?:{found[k].pattern})$")
    return found


@cache
def _words() -> dict[str, tuple[str, ...]]:
    raw = lexicon.table("approximators.toml")
    return {**{k: tuple(v) for k, v in raw.items()}, "unit": tuple(unit_words.tagged("unit"))}


def approximation_words(kind: str) -> tuple[str, ...]:
    """The approximation words of one kind (``before``, ``after_number``, ``after_unit``) that
    read_quantity looks for: a rule can test a whole unit for them before reading it."""
    return _words()[kind]


@cache
def _gates() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """The characters a match of each pattern can start with (``after_number``, ``unit``,
    ``after_unit``), and the last characters a ``before`` match can end with before the number.
    A match needs its first (last) character there, so a character outside the set means no match;
    ``$`` also matches before a final newline, so a newline before the number is let through."""
    w = _words()
    return (frozenset(x[0] for x in w["after_number"]), frozenset(x[0] for x in w["unit"]),
            frozenset(x[0] for x in w["after_unit"]), frozenset(x[-1] for x in w["before"]) | {"\n"})


@cache
def _before_patterns() -> tuple["re.Pattern[str]", "re.Pattern[str]"]:
    """_patterns()'s ``before`` and ``not_before``, the words ending where the search ends, in
    stdlib ``re``: an alternation of literal words before ``$`` matches the same in both engines
    (``$`` the window's end or before a line break there), and ``regex``'s call cost ~8,000
    instructions a numeral after one of the words' last characters (tests/analysis/
    test_quantity_before_words.py compares the two)."""
    w = _words()
    return tuple(pattern_cache.re_compile(f"(?:{lexicon.alternation(w[k])})$") for k in ("before", "not_before"))


LONGEST_APPROXIMATOR = 4  # characters looked at before a number for 约, 接近, 签约 …


# Built by one C call that fills the slots (gongwen.slotted): every field given, in order.
_QUANTITY = positional(Quantity)


def _by_first(words) -> dict[str, tuple[str, ...]]:
    """The words by their first character, each group in alternation()'s order (longest first)."""
    found: dict[str, list[str]] = {}
    for w in sorted(words, key=lambda w: (-len(w), w)):
        found.setdefault(w[0], []).append(w)
    return {c: tuple(ws) for c, ws in found.items()}


def _word_at(by_first: dict[str, tuple[str, ...]], text: str, pos: int) -> str:
    """The listed word at ``pos`` ("" if none): a character's words are listed longest first."""
    if pos < len(text):
        for word in by_first.get(text[pos], ()):
            if text.startswith(word, pos):
                return word
    return ""


@cache
def _reader():
    """read_quantity with its word lists looked up once.

    The ``after_number``, ``unit`` and ``after_unit`` patterns are alternations of literal words,
    longest first (alternation()): their match at a position is the first of those words, in that
    order, that the text starts with there, i.e. the longest one; two words of one length cannot
    both match. So each is read as the first word of its first character's group (see _by_first)
    that ``text.startswith`` at the position: a dict lookup and a few C-speed comparisons in place
    of a regex call, and no word to try when the character starts none (what _gates told)."""
    w = _words()
    after_words, unit_words, after_unit_words = (_by_first(w[k]) for k in ("after_number", "unit", "after_unit"))
    before_p, not_before_p = _before_patterns()
    last_before = _gates()[3]
    make = _QUANTITY

    def read(text: str, numeral: Numeral) -> Quantity:
        pos = numeral.end
        after = _word_at(after_words, text, pos)
        pos += len(after)
        unit = _word_at(unit_words, text, pos)
        pos += len(unit)
        after_unit = _word_at(after_unit_words, text, pos) if unit else ""
        pos += len(after_unit)
        before = ""
        start = numeral.start
        if start and text[start - 1] in last_before:
            lo = max(0, start - LONGEST_APPROXIMATOR)
            before_m = before_p.search(text, lo, start)
            before = before_m.group() if before_m else ""
            if before:
                word = not_before_p.search(text, lo, start)
                if word and word.group().endswith(before) and len(word.group()) > len(before):
                    before = ""
        return make(numeral, "%" if unit == "％" else unit, pos, before, after, after_unit)

    return read


def read_quantity(text: str, numeral: Numeral) -> Quantity:
    """The numeral with the approximation words and the unit around it."""
    return _reader()(text, numeral)


def quantities_in(doc: Document, unit: TextUnit) -> list[Quantity]:
    """Every numeral of a unit that has a value, with its unit and approximation words."""
    return doc.unit_memo(_read_quantities, unit, doc, unit)


def _read_quantities(doc: Document, unit: TextUnit) -> list[Quantity]:
    text, read = unit.text, _reader()
    return [read(text, n) for n in numerals_in(doc, unit) if n.value is not None]
