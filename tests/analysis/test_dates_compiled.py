"""``_dates.c`` reads the date forms by hand where _DATE's patterns read them: over thousands of
generated texts — dates of every form and numeral system, each piece of them alone, the
characters each form's lookbehind refuses, lunar words at the edge of their window, separators
twice and mixed, runs one longer than a form's bound, in one-, two- and four-byte str — its
list of dates is the Python reference's (``dates.reference_find_dates``), value types included.
"""
from __future__ import annotations

import random

from support import compiled_or_skip

from gongwen.analysis import dates

# Pieces a date is made of, the characters around one that change whether it is one, and filler.
_PIECES = (
    list("0123456789０１２３４５６７８９一二三四五六七八九十〇零○OoＯ") + ["0", "1", "2", "12", "20", "2024", "1999", "２０２５"]
    + list("年月日号初廿卅正腊冬") + list("./-．:_#〔[") + ["A", "z", "x"]
    + list("几数每个上下本当同次翌百千万亿两第")
    + ["农历", "阴历", "夏历", "旧历", "正月", "腊月", "农", "历"]
    + ["2024年", "2024年3月", "2024年3月5日", "二〇二四年十二月三十一日", "二零二五年正月初一", "24年5月", "3月15日",
       "十二月三十一日", "腊月廿三", "冬月初十号", "2024.1.5", "2024/12/31", "2024-01-07", "2024.1.5.", "2024-1/5",
       "12345年", "13月40日", "一二三四月", "三十一日", "初一二三日", "2025年13月", "１２月３号", "3月十十日", "一廿日", "3月初五日"]
    + ["的", "是", "会议", "，", "。", "、", " ", "\n", "（", "）"]
)
_WIDE = ["𠀀", "é"]  # a character beyond the BMP (four-byte str), a Latin-1 one (one-byte str)


def _texts(rnd: random.Random, count: int) -> list[str]:
    texts = []
    for i in range(count):
        pieces = [rnd.choice(_PIECES) for _ in range(rnd.randint(1, 24))]
        if i % 7 == 0:
            pieces.insert(rnd.randrange(len(pieces) + 1), rnd.choice(_WIDE))
        if i % 11 == 0:  # filler between a lunar word and a date: the 12-character window's edge
            pieces.insert(rnd.randrange(len(pieces) + 1), "的" * rnd.randint(8, 12))
        texts.append("".join(pieces))
    return texts


def _shown(found) -> list[str]:
    return [repr(d) for d in found]  # repr: a value 5.0 where 5 is due is a difference


def test_the_compiled_reader_finds_what_the_patterns_find():
    compiled_or_skip("_dates")
    assert dates._dates is not None
    rnd = random.Random("dates-compiled")
    texts = _texts(rnd, 6_000)
    differ = [t for t in texts if _shown(dates.find_dates(t)) != _shown(dates.reference_find_dates(t))]
    assert differ == []
    found = [dates.reference_find_dates(t) for t in texts]
    # The texts reach every form, both numeral systems, lunar dates and the refusals.
    forms = {d.form for ds in found for d in ds}
    assert forms == {"nian", ".", "/", "-"}
    assert sum(1 for ds in found for d in ds if d.lunar) > 100
    assert sum(1 for ds in found for d in ds if d.year is not None and d.year.kind == "chinese") > 100
    assert sum(1 for ds in found for d in ds if d.day is not None and d.day.value is None) > 0
    assert sum(not ds for ds in found) > 500


def test_the_compiled_reader_on_each_str_kind():
    compiled_or_skip("_dates")
    cases = ["2024年3月5日", "é2024年3月5日", "𠀀二〇二四年三月初五日", "x2024.1.5", "会议2024/1/5召开",
             "农历" + "的" * 10 + "3月5日", "农历" + "的" * 11 + "3月5日", "第3月5日", "上3月5日", "-2024年", "-二〇二四年"]
    for text in cases:
        assert _shown(dates.find_dates(text)) == _shown(dates.reference_find_dates(text)), text
