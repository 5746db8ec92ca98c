"""The numeral layer: spans slice exactly their source, values agree across numeral systems."""
from __future__ import annotations

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
