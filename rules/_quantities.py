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
    raw = tomllib.loads(files("gongwen.rules").joinpath("data", "approximators.toml")
                        .read_text(encoding="utf-8"))
    found = {k: alternation(v) for k, v in raw.items()}
    found["unit"] = word_pattern("quantity_units")
    for k in ("before", "not_before"):
        found[k] = regex.compile(f"(?:{found[k].pattern})$")
    return found


def _at(pattern: regex.Pattern, text: str, pos: int) -> str:
    m = pattern.match(text, pos)
    return m.group() if m else ""


LONGEST_APPROXIMATOR = 4  # characters looked at before a number for 约, 接近, 签约 …


def read_quantity(text: str, numeral: Numeral) -> Quantity:
    p = _patterns()
    pos = numeral.end
    after = _at(p["after_number"], text, pos)
    pos += len(after)
    unit = _at(p["unit"], text, pos)
    pos += len(unit)
    after_unit = _at(p["after_unit"], text, pos) if unit else ""
    pos += len(after_unit)
    lo = max(0, numeral.start - LONGEST_APPROXIMATOR)
    before_m = p["before"].search(text, lo, numeral.start)
    before = before_m.group() if before_m else ""
    if before:
        word = p["not_before"].search(text, lo, numeral.start)
        if word and word.group().endswith(before) and len(word.group()) > len(before):
            before = ""
    return Quantity(numeral, "%" if unit == "％" else unit, pos, before, after, after_unit)


def quantities_in(doc: Document, unit: TextUnit) -> list[Quantity]:
    """Every numeral of a unit that has a value, with its unit and approximation words."""
    return doc.memo(f"quantities:{unit.index}:{unit.start}", lambda: [
        read_quantity(unit.text, n) for n in numerals_in(doc, unit) if n.value is not None])
