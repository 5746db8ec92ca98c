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

from gongwen.document import Document, TextUnit
from gongwen.numerals import Numeral, numerals_in
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


@cache
def approximators() -> dict[str, tuple[str, ...]]:
    raw = tomllib.loads(files("gongwen.rules").joinpath("data", "approximators.toml")
                        .read_text(encoding="utf-8"))
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in raw.items()}


@cache
def units() -> tuple[str, ...]:
    return tuple(sorted(word_set("quantity_units"), key=len, reverse=True))


def _match_word(text: str, pos: int, words: tuple[str, ...]) -> str:
    for w in words:
        if text.startswith(w, pos):
            return w
    return ""


def _match_word_before(text: str, pos: int, words: tuple[str, ...]) -> str:
    for w in words:
        if pos >= len(w) and text.startswith(w, pos - len(w)):
            return w
    return ""


def read_quantity(text: str, numeral: Numeral) -> Quantity:
    words = approximators()
    pos = numeral.end
    after = _match_word(text, pos, words["after_number"])
    pos += len(after)
    unit = _match_word(text, pos, units())
    pos += len(unit)
    after_unit = _match_word(text, pos, words["after_unit"]) if unit else ""
    pos += len(after_unit)
    before = _match_word_before(text, numeral.start, words["before"])
    if before and _match_word_before(text, numeral.start, words["not_before"]).endswith(before):
        before = ""
    return Quantity(numeral, "%" if unit == "％" else unit, pos, before, after, after_unit)


def quantities_in(doc: Document, unit: TextUnit) -> list[Quantity]:
    """Every numeral of a unit that has a value, with its unit and approximation words."""
    return doc.memo(f"quantities:{unit.index}:{unit.start}", lambda: [
        read_quantity(unit.text, n) for n in numerals_in(doc, unit) if n.value is not None])
