"""PUN011 (stacked-point-marks) reads only the units that one scan of the document's text finds
holding two point marks side by side (gongwen.analysis.routing): over many random documents of
several paragraphs its findings equal those of reading every unit, and a scan for a wrong
pattern is caught."""
from __future__ import annotations

import re

import pytest
from support import assert_shortcut_caught, assert_shortcut_exact, fragment_texts

import gongwen.rules.punct_marks as marks

_FRAGMENTS = ["取得新成效", "全区", "，", "。", "、", "；", "：", ",", ";", ":", "\n", "\r\n", "\r", " ",
              "　", "100%", "http://a.cn/a,b;c", "。。。"]
_EVERY_UNIT = re.compile("")  # the scan finds every unit: each is read, as without routing


def _texts(count: int) -> list[str]:
    return fragment_texts(_FRAGMENTS, "stacked-points-routing", count, 40)


def test_routing_gives_the_findings_of_reading_every_unit(monkeypatch):
    assert_shortcut_exact(monkeypatch, "PUN011", _texts(3_000), marks, "_TWO_POINTS", _EVERY_UNIT, 1_000)


@pytest.mark.parametrize("wrong", [
    "[，。、；：]{2}",  # forgets the ASCII marks (，, is a finding)
    "[，。、；：,;:]{3}",  # three side by side
    "[，。、；：,;:]{2}(?=.)",  # a lookahead: misses a run that ends its paragraph
])
def test_a_wrong_scan_is_caught(monkeypatch, wrong):
    assert_shortcut_caught(monkeypatch, "PUN011", _texts(3_000), marks, "_TWO_POINTS", re.compile(wrong))
