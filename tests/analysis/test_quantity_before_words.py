"""A numeral's approximation word before it (约, 近, 超过 …, and the words that only end in one:
签约, 最近) is read by stdlib ``re`` (quantities._before_patterns) as ``regex`` read it: over
random texts of the words, their neighbours, numerals and line breaks, every quantity equals
the one read with ``regex``'s patterns, and the read words are many."""
from __future__ import annotations

import random
import re

import regex

from gongwen.analysis import lexicon, numerals, quantities

_PIECES = ["约", "近", "逾", "大约", "将近", "接近", "约为", "约有", "超过", "不到", "不足", "签约", "最近", "附近", "近近",
           "节约", "100", "3.5万", "五十", "人", "件", "多", "余", "左右", "以上", "\n", "，", "中", "为", "有"]


def _texts(count: int) -> list[str]:
    rnd = random.Random("quantity-before-words")
    return ["".join(rnd.choice(_PIECES) for _ in range(rnd.randint(0, 16))) for _ in range(count)]


def _read(text: str) -> list:
    return [quantities.read_quantity(text, n) for n in numerals.find_numerals(text) if n.value is not None]


def test_before_words_read_as_with_regex(monkeypatch):
    assert all(isinstance(p, re.Pattern) for p in quantities._before_patterns())
    texts = _texts(6_000)
    now = [_read(t) for t in texts]
    assert sum(1 for qs in now for q in qs if q.before) > 1_000
    w = quantities._words()
    before = tuple(regex.compile(f"(?:{lexicon.alternation(w[k])})$") for k in ("before", "not_before"))
    monkeypatch.setattr(quantities, "_before_patterns", lambda: before)
    quantities._reader.cache_clear()
    try:
        assert [_read(t) for t in texts] == now
    finally:
        quantities._reader.cache_clear()
