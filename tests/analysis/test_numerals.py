"""The numeral layer: spans slice exactly their source, values agree across numeral systems."""
from __future__ import annotations

import random

import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import repeated

from gongwen.analysis.numerals import find_numerals


@pytest.mark.parametrize("text, expected", [
    ("办理业务2.9万余件", [("2.9万", "arabic", 29000)]),
    ("访问量3206万次", [("3206万", "arabic", 32060000)]),
    ("投资3,206万元", [("3,206万", "arabic", 32060000)]),
    ("１２项", [("１２", "arabic", 12)]),
    ("二〇二五年", [("二〇二五", "chinese", 2025)]),
    ("三千二百零六万", [("三千二百零六万", "chinese", 32060000)]),
    ("百分之九十五", [("百分之九十五", "chinese", 95)]),
    ("百分之95", [("百分之95", "mixed", 95)]),
    ("4千余人", [("4千", "mixed", 4000)]),
    ("1百零8", [("1百零8", "mixed", 108)]),
    ("一百08", [("一百08", "mixed", 108)]),
    ("10亿零817万5288人", [("10亿零817万5288", "arabic", 1008175288)]),
    ("国内生产总值1.5万亿元", [("1.5万亿", "arabic", 1.5e12)]),
    ("３万", [("３万", "arabic", 30000)]),
])
def test_values(text, expected):
    assert [(n.text, n.kind, n.value) for n in find_numerals(text)] == expected


def test_same_date_in_both_systems_has_the_same_values():
    chinese = [n.value for n in find_numerals("二〇二五年一月二十七日")]
    arabic = [n.value for n in find_numerals("2025年1月27日")]
    assert chinese == arabic == [2025, 1, 27]


def test_flags():
    pct, full, grouped = find_numerals("好评率100%，１２项，3,206人")
    assert pct.percent and not pct.fullwidth
    assert full.fullwidth and full.value == 12
    assert grouped.grouped and grouped.value == 3206


def test_words_that_are_not_numbers_have_no_value():
    assert all(n.value is None for n in find_numerals("千方百计") if n.text == "千方百计")


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_cn2an_round_trips_integers(n):
    assert cn2an.cn2an(cn2an.an2cn(n), "strict") == n


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**9))
def test_layer_reads_back_what_cn2an_writes(n):
    text = "共" + cn2an.an2cn(n) + "人"
    (numeral,) = find_numerals(text)
    assert numeral.value == n and text[numeral.start:numeral.end] == numeral.text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789０１２.,%％万亿十百千零〇一二三四五六七八九两点之分年月日余多 甲")), max_size=80))
def test_every_span_slices_exactly_its_source(text):
    previous_end = 0
    for n in find_numerals(text):
        assert text[n.start:n.end] == n.text and n.start >= previous_end
        previous_end = n.end


@pytest.mark.parametrize("unit, per_numeral", [("9", None), ("一", None), ("1百", None), ("百分之", 2)])
def test_adversarial_run_is_read_in_whole_numerals(unit, per_numeral):
    """A run of digits or Chinese numerals (its speed is measured by benchmarks/speed/run.py)
    reads as one numeral spanning it, not as one per character; 百分之 repeated reads as
    百分之百 followed by a dangling 分之, one numeral per two units."""
    text = repeated(unit)
    numerals = find_numerals(text)
    if per_numeral is None:
        assert [(n.start, n.end) for n in numerals] == [(0, len(text))]
    else:
        assert len(numerals) == len(text) // len(unit) // per_numeral
        assert all(text[n.start:n.end] == n.text for n in numerals)



def _cn2an_value(text: str):
    """What chinese_value gave before plain_value: cn2an's smart mode, None where it refuses."""
    try:
        return float(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, IndexError):
        return None


def _disagreements(plain_value, count: int = 30_000) -> tuple[list[str], int]:
    """Random strings of digits and units on which ``plain_value`` answers otherwise than
    cn2an, and how many it answered at all."""
    rnd = random.Random("plain-value-strings")
    alphabet = "〇零一二三四五六七八九十百千万亿两○"
    wrong, answered = [], 0
    for _ in range(count):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 7)))
        value = plain_value(text)
        if value is not None:
            answered += 1
            if value != _cn2an_value(text):
                wrong.append(text)
    return wrong, answered


def test_plain_value_reads_numbers_as_cn2an_does():
    """plain_value spares the cn2an import for the commonest numerals; wherever it answers, the
    answer is cn2an's: every canonical wording up to 30,000, round and random numbers up to a
    trillion, every run of up to three digits (and longer random ones) and random strings of
    digits and units."""
    from itertools import product

    from gongwen.analysis.numerals import canonical_words, plain_value

    rnd = random.Random("plain-value")
    numbers = [*range(1, 30_001), *(d * 10 ** k for d in range(1, 10) for k in range(12) if d * 10 ** k < 10 ** 12),
               *(rnd.randrange(1, 10 ** 12) for _ in range(3_000)), *(rnd.randrange(1, 10 ** 8) for _ in range(3_000))]
    for n in numbers:
        words = canonical_words(n)
        assert plain_value(words) == float(n) == _cn2an_value(words), (n, words)
    digits = "〇零一二三四五六七八九"
    runs = ["".join(p) for k in (1, 2, 3) for p in product(digits, repeat=k)]
    runs += ["".join(rnd.choice(digits) for _ in range(rnd.randint(4, 12))) for _ in range(3_000)]
    for text in runs:
        assert plain_value(text) == _cn2an_value(text), text
    wrong, answered = _disagreements(plain_value)
    assert wrong == []
    assert answered > 100  # the random strings do reach the canonical branch


def test_a_reading_without_the_canonical_check_is_caught(monkeypatch):
    """The comparison above can fail: taking every string of digits and units as canonical
    reads 千百万 as 11,000,000, which cn2an refuses."""
    from gongwen.analysis import numerals

    class AnyText(str):
        def __eq__(self, other):
            return True

    monkeypatch.setattr(numerals, "canonical_words", lambda n: AnyText())
    assert numerals.plain_value("千百万") == 11_000_000.0
    wrong, _ = _disagreements(numerals.plain_value, 3_000)
    assert wrong
