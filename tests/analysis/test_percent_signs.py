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


def _former(text: str):
    """The former reading (the reference): the run before each sign found by a pattern on the
    reversed text."""
    import re

    from gongwen.analysis.numerals import NUMERAL_CHARS

    if "百分之" in text:
        return None
    values = []
    for run in re.findall(rf"[%％]([{NUMERAL_CHARS}]*+)", text[::-1]):
        if not run:
            continue
        run = run[::-1]
        if not re.fullmatch(r"[0-9０-９]+(?:[.．][0-9０-９]+)?", run):
            return None
        values.append(float(run.translate(str.maketrans("０１２３４５６７８９．", "0123456789."))))
    return values


def test_the_text_cut_at_its_signs_reads_as_the_reversed_pattern():
    # Every text, read or not, in the same order (last sign first): signs side by side, at either
    # end, runs reaching the text's start, separators and Chinese numerals inside runs.
    texts = _texts() + ["", "%", "5%", "%5%", "5%%", "１２％%", "1,5%3%", "百分之5%", " 5%", "五十%9.5%", "5",
                        "a%", "1.5.5%2%"]
    for text in texts:
        assert percent_signs.numbers_before_signs(text) == _former(text), text


def test_the_characters_stripped_are_the_numeral_class():
    import re

    from gongwen.analysis.numerals import NUMERAL_CHARS

    cls = re.compile(f"[{NUMERAL_CHARS}]")
    assert set(percent_signs._RUN_CHARS) == {chr(c) for c in range(0x10000) if cls.fullmatch(chr(c))}
    assert not {"%", "％"} & set(percent_signs._RUN_CHARS)  # a sign ends a run
