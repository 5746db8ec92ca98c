"""CON005 on sentences that offer more than one reading of a rate's counts (two categories that
both name the stem, nested totals): no report when any reading gives the rate, and a report that
shows the reading nearest to the stated rate when none does. Sentences written for this test."""
from __future__ import annotations

import pytest

from gongwen import api
from gongwen.document import Document


def messages(text: str) -> list[str]:
    found = api.make_linter({}, select=["CON005"]).lint(Document(path="t.txt", text=text))
    return [v.message for v in found]


@pytest.mark.parametrize("text", [
    # the rate of the first category, of the second, of both
    "全年检查发现问题60个，已整改完毕45个，正在整改12个，整改率75%。",
    "全年检查发现问题60个，已整改完毕45个，正在整改12个，整改率95%。",
    # the inner total of a nested pair, with the outer one larger than the count
    "本次巡察涉及30个单位200条问题线索，已核查完结150条，核查率75%。",
    # two categories of 审结 over the inner of two nested totals, rate of their sum
    "受理5类案件200件，判决审结150件，调解审结30件，审结率90%。",
])
def test_any_reading_that_gives_the_rate_clears_it(text):
    assert messages(text) == []


@pytest.mark.parametrize("text, shown", [
    # none gives 80%; the nearest reading is 45÷60=75% (not 12÷45 or the sum, 95%)
    ("全年检查发现问题60个，已整改完毕45个，正在整改12个，整改率80%。", "45个÷60个=75.0%"),
    ("全年检查发现问题60个，已整改完毕45个，正在整改12个，整改率90%。", "(45个+12个)÷60个=95.0%"),
    ("本次巡察涉及30个单位200条问题线索，已核查完结150条，核查率80%。", "150条÷200条=75.0%"),
    # one category, one total: the plain case is still reported
    ("受理投诉80件，办结60件，办结率90%。", "60件÷80件=75.0%"),
])
def test_no_reading_gives_the_rate(text, shown):
    (message,) = messages(text)
    assert shown in message


def test_an_earlier_count_naming_the_stem_with_a_total_but_approximate_is_not_judged():
    # 约40个 could be the numerator (40÷50=80%): it cannot be read exactly, so the rate is left alone
    assert messages("发现问题50个，整改约40个，其中当年整改完成30个，整改率80%。") == []
    assert messages("发现问题50个，整改完成40个，其中整改完成30个，整改率70%。") != []


def test_more_counts_naming_the_stem_than_the_rule_tries_are_left_alone():
    # three are tried (none of 10, 20, 30, their sum 60 over 100 gives 50%); four are too many
    assert messages("受理申请100件，完成10件，完成20件，完成30件，完成率50%。") != []
    assert messages("受理申请100件，完成10件，完成20件，完成30件，完成35件，完成率50%。") == []
