"""The named decisions of the date rules, each tested on its own (DAT004's short year)."""
from __future__ import annotations

import pytest

from gongwen.analysis.dates import find_dates
from gongwen.rules.dates import short_year_reason


def _reason(text: str) -> str | None:
    short = [d for d in find_dates(text) if d.year is not None and len(d.year.text) == 2]
    assert len(short) == 1, (text, short)
    return short_year_reason(text, short[0])


@pytest.mark.parametrize("text, reason", [
    ("24年1月召开会议", "month"),
    ("截至24年底，全区共有", "cue after"),
    ("05年建成投用", "leading zero"),
    ("由13年的77%提高到", "value at the year"),
    ("2024—27年工作规划", "end of a range"),
    ("全区，24年共计4项决策", "clause total"),
    ("工作自24年起施行", "cue before"),
    ("24年，全区开展专项行动", "sentence start"),
    ("一、24年工作回顾", "sentence start"),
])
def test_each_reason_a_two_digit_year_is_a_year(text, reason):
    assert _reason(text) == reason


@pytest.mark.parametrize("text", [
    "80年代以来，全区经济快速发展",   # a decade
    "改革开放30年来，成就巨大",       # a span of time, even at a sentence start
    "服务期限不得低于10年",            # 于 after a comparative: a duration
    "经过10年努力，全面建成",          # a count of years in prose
])
def test_durations_and_decades_are_not_years(text):
    assert _reason(text) is None
