"""Numerals typed for characters (gongwen.analysis.numeral_slips, judged by TYP013, round 22)."""
from __future__ import annotations

import pytest

from gongwen import api
from gongwen.analysis import numeral_slips
from gongwen.rules import confusables


@pytest.mark.parametrize("text, at", [
    ("二〇二五年", 1),           # next to another numeral
    ("增长3万人", 3),            # next to a digit
    ("会议定于下五3时召开", 5),   # next to a digit: a slip there is left alone too
    ("全县三个乡镇", 2),          # a measure word after it (count_words.txt)
    ("两县一区", 0),              # a counted noun
    ("推进三农工作", 2),          # written after Arabic numbers in official writing (22农)
    ("推广国五标准", 3),          # the same (3标段): a standard's grade
    ("支出原则上零增长", 5),      # inside a dictionary word as written
    ("优化一产结构", 2),          # the same
])
def test_a_numeral_that_reads_as_a_number(text, at):
    assert numeral_slips.reads_as_number(text, at)


@pytest.mark.parametrize("text, at", [
    ("带头加强四想政治建设", 4),   # 四想: no count, no word
    ("政策落十到位", 3),
    ("按照九近就便原则", 2),
])
def test_a_numeral_that_reads_as_no_number(text, at):
    assert not numeral_slips.reads_as_number(text, at)


def test_typ013_judges_a_numeral_typed_for_a_character():
    found = api.lint_text("各级领导干部要带头加强四想政治建设，把各项政策落十到位。", select=["TYP013"])
    assert [(d.start, d.fixes[0].edits[0].content) for d in found] == [(11, "思"), (24, "实")]


def test_numbers_before_units_are_not_reported(monkeypatch):
    # A probe of my own: a character that makes a common word with a numeral's candidate (国务,
    # 上市) before a numeral and a unit. Judged like any other character, the numeral is
    # "corrected" into that word (国五吨 -> 国务); read as a number, it is left alone.
    texts = [f"全年{left}{numeral}{unit}以上。" for left in "国上" for numeral in "五十四"
             for unit in "吨公局型厂员井"]

    def at_numerals() -> int:
        return sum(t[d.start] in numeral_slips.NUMERALS
                   for t in texts for d in api.lint_text(t, select=["TYP013"]))

    assert at_numerals() == 0
    monkeypatch.setattr(confusables, "reads_as_count", lambda text, at: False)
    monkeypatch.setattr(confusables, "in_word", lambda text, at: False)
    assert at_numerals() >= 5  # 9 when written
