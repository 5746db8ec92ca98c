"""General-usage word frequencies (linter/analysis/usage_words.py, wordfreq) and TYP014's use of
them as a veto (rules/confusables.py ``_in_general_usage``)."""
from __future__ import annotations

import subprocess
import sys

from gongwen.analysis.usage_words import zipf
from gongwen.rules import confusables


def test_a_word_of_general_usage_has_a_frequency_and_a_non_word_none():
    assert zipf("产品") > zipf("单品") > 0  # both written; the commoner is commoner
    assert zipf("保樟") == 0.0 and zipf("龘龘") == 0.0


def test_a_written_form_in_use_vetoes_a_suspect_unless_the_curated_table_calls_it_a_slip():
    assert confusables._in_general_usage("特色单品", 2, 2)  # 单品 is a word of general usage
    assert "布署" in confusables._curated_wrong_forms() and zipf("布署") >= confusables.IN_USE_ZIPF
    assert not confusables._in_general_usage("布署工作", 0, 2)  # in use, but a listed slip
    # Only forms holding the substitute's whole span: 服力 (of 说服力) is no evidence for 帮服.
    assert zipf("服力") >= confusables.IN_USE_ZIPF
    assert not confusables._in_general_usage("群众的帮服力度", 3, 2)


def test_set_phrases_parallel_and_short_list_items():
    text = "以月保季、以季保年"
    assert confusables._set_phrase(text, 5, 9, 6)  # 季 written again four characters before
    listed = "组建医药、环保、标检等公司"
    start = listed.index("标")
    assert confusables._set_phrase(listed, start, len(listed), start + 1)  # 标检 before 等
    long_item = "加强食品安全、依法保樟妇女儿童合法权益、改善民生"
    start = long_item.index("依")
    end = long_item.index("、", start)
    assert not confusables._set_phrase(long_item, start, end, long_item.index("樟"))


def test_importing_the_module_does_not_load_wordfreq():
    code = "import sys, gongwen.analysis.usage_words; print('wordfreq' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
