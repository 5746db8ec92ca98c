"""Numbers read together with their unit and approximation words, once per unit.

``2.9万余件`` is the numeral ``2.9万`` (29000) with ``余`` after it and the unit ``件``;
``约300人左右`` is ``300`` with ``约`` before and ``左右`` after its unit ``人``. Several rules
(double approximation, totals and parts, the same metric stated twice) need this reading, so
it is built here once per document unit from the numeral layer and the word lists in
``rules/data/quantity_units.txt`` and ``rules/data/approximators.toml``.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import regex

from gongwen.document import Document, TextUnit
from gongwen.numerals import Numeral, numerals_in
from gongwen.rules import _data
from gongwen.rules._data import word_set


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
SENTENCE_END = regex.compile(r"[。；;！？!?\n]")


def alternation(words) -> regex.Pattern:
    """One pattern matching any of the words, the longest first (签约 before 约)."""
    return regex.compile(_data.alternation(words))


def word_pattern(name: str) -> regex.Pattern:
    """An alternation of the entries of ``data/<name>.txt``."""
    return alternation(word_set(name))


@cache
def _patterns() -> dict[str, regex.Pattern]:
    """One alternation per word list, longest first; ``*_before`` ones match at the end."""
    found = {k: alternation(v) for k, v in _words().items()}
    for k in ("before", "not_before"):
        found[k] = regex.compile(f"(?:{found[k].pattern})$")
    return found


@cache
def _words() -> dict[str, tuple[str, ...]]:
    raw = tomllib.loads(files("gongwen.rules").joinpath("data", "approximators.toml")
                        .read_text(encoding="utf-8"))
    return {**{k: tuple(v) for k, v in raw.items()}, "unit": tuple(word_set("quantity_units"))}


@cache
def _gates() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """The characters a match of each pattern can start with (``after_number``, ``unit``,
    ``after_unit``), and the last characters a ``before`` match can end with before the number.
    A match needs its first (last) character there, so a character outside the set means no match;
    ``$`` also matches before a final newline, so a newline before the number is let through."""
    w = _words()
    return (frozenset(x[0] for x in w["after_number"]), frozenset(x[0] for x in w["unit"]),
            frozenset(x[0] for x in w["after_unit"]), frozenset(x[-1] for x in w["before"]) | {"\n"})


def _at(pattern: regex.Pattern, text: str, pos: int) -> str:
    m = pattern.match(text, pos)
    return m.group() if m else ""


LONGEST_APPROXIMATOR = 4  # characters looked at before a number for 约, 接近, 签约 …


@cache
def _readers() -> tuple:
    """The patterns and gates read_quantity uses, looked up once."""
    p = _patterns()
    return (p["after_number"], p["unit"], p["after_unit"], p["before"], p["not_before"], *_gates())


def read_quantity(text: str, numeral: Numeral) -> Quantity:
    (after_p, unit_p, after_unit_p, before_p, not_before_p,
     first_after, first_unit, first_after_unit, last_before) = _readers()
    n = len(text)
    pos = numeral.end
    # Each word pattern is tried only when the character where its match would start (or,
    # for ``before``, end) can begin (end) one of its words: see _gates.
    after = unit = after_unit = before = ""
    if pos < n and text[pos] in first_after:
        after = _at(after_p, text, pos)
        pos += len(after)
    if pos < n and text[pos] in first_unit:
        m = unit_p.match(text, pos)
        if m is not None:
            unit = m.group()
            pos = m.end()
            if pos < n and text[pos] in first_after_unit:
                after_unit = _at(after_unit_p, text, pos)
                pos += len(after_unit)
    start = numeral.start
    if start and text[start - 1] in last_before:
        lo = max(0, start - LONGEST_APPROXIMATOR)
        before_m = before_p.search(text, lo, start)
        before = before_m.group() if before_m else ""
        if before:
            word = not_before_p.search(text, lo, start)
            if word and word.group().endswith(before) and len(word.group()) > len(before):
                before = ""
    return Quantity(numeral, "%" if unit == "％" else unit, pos, before, after, after_unit)


def quantities_in(doc: Document, unit: TextUnit) -> list[Quantity]:
    """Every numeral of a unit that has a value, with its unit and approximation words."""
    table = doc.memo("quantities", dict)  # one table per document, as in numerals_in
    key = (unit.index, unit.start)
    found = table.get(key)
    if found is None:
        text = unit.text
        found = table[key] = [read_quantity(text, n) for n in numerals_in(doc, unit) if n.value is not None]
    return found
