"""The numbers before the % signs, read without the numeral layer, are the layer's percents.

Wherever ``numbers_before_signs`` reads a text (it gives values, not None), they must be exactly
the values of the numerals the layer marks as percents by their sign (not 百分之…): over random
texts of digits, points, separators, Chinese numerals and signs. A reading that is wrong on
purpose is caught.
"""
from __future__ import annotations

from support import fragment_texts

from gongwen.analysis import percent_signs
from gongwen.analysis.numerals import find_numerals

_FRAGMENTS = ["1", "2", "0", "9", "05", "１", "０", ".", "．", ",", " ", "\u2009", "%", "％", "%", "％", "百分之",
              "五十", "一", "万", "百", "点", "分", "之", "余", "率", "达", "，", "。", "\n", "a", "约"]


def _texts() -> list[str]:
    return fragment_texts(_FRAGMENTS, "percent-signs", 40_000, 14)


def _differs(reading) -> list[str]:
    out = []
    for text in _texts():
        values = reading(text)
        if values is None:
            continue
        percents = [n.value for n in find_numerals(text) if n.percent and not n.in_words]
        if sorted(values) != sorted(percents):
            out.append(text)
    return out


def test_the_numbers_before_the_signs_are_the_layers_percents():
    texts = _texts()
    read = [t for t in texts if percent_signs.numbers_before_signs(t)]
    assert len(read) > 1_500  # texts with at least one number read before a sign
    assert sum(percent_signs.numbers_before_signs(t) is None for t in texts) > 5_000  # left to the layer
    assert _differs(percent_signs.numbers_before_signs) == []


def test_a_run_read_from_its_last_digits_only_is_caught():
    def wrong(text: str):  # a grouped number (1,200%) read as its last group
        return percent_signs.numbers_before_signs(text.replace(",", "a"))
    assert _differs(wrong)
