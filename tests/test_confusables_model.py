"""TYP013's evidence: the character trigram model and the decision built on it
(linter/analysis/char_model.py, rules/confusables.py). Sentences written for this test, not taken from
fixtures/typos or the corpus."""
from __future__ import annotations

import math

import pytest

from gongwen.analysis import char_model as _char_model
from gongwen.rules.confusables import suspects


def test_model_prefers_a_seen_trigram_and_backs_off_to_a_finite_score():
    lm = _char_model.model()
    assert lm.count("发展", "战") > 0  # 发展战略 is everyday official writing
    assert lm.span_score("发展战略", 3, "略") > lm.span_score("发展战略", 3, "落")
    never = lm.log_score("龘龘", "龘")  # nothing known: the character's floor, not -inf
    assert math.isfinite(never) and never < lm.log_score("", "的")


@pytest.mark.parametrize("text, at, meant", [
    ("坚持依法知国，建设法治政府。", 4, "治"),      # same reading, no word as written
    ("加快推进新型城镇话建设。", 8, "化"),
    ("会议审议通过了年度工作记划。", 11, "计"),     # similar shape and reading
])
def test_a_slip_that_makes_no_word_is_found_at_the_character(text, at, meant):
    found = [(s.at, s.meant) for s in suspects(text)]
    assert found == [(at, meant)]


@pytest.mark.parametrize("text", [
    "健全长效发展机制，巩固整治成果。",
    "稳步推进城乡结合部环境整治。",
    "“打早除小”专项行动取得实效。",            # a coined term in a short quotation
    "堅持依法知國，建設法治政府。",              # traditional script: TYP010's, not judged here
    "本次共表彰先进个人十二名。",
    "甲乙丙庚地",                                # 耕地 is a word, but nonsense is no context
])
def test_correct_or_out_of_scope_text_is_left_alone(text):
    assert suspects(text) == []


def test_importing_the_rule_loads_no_model():
    # The model is read on first use only: a run without TYP013 never pays for it.
    import importlib

    importlib.reload(_char_model)
    assert _char_model.model.cache_info().currsize == 0
