"""PUN011 (stacked-point-marks) reads only the units that one scan of the document's text finds
holding two point marks side by side (gongwen.analysis.routing): over many random documents of
several paragraphs its findings equal those of reading every unit, and a scan for a wrong
pattern is caught."""
from __future__ import annotations

import random
import re

import pytest

from gongwen import api
import gongwen.rules.punct_marks as marks

_FRAGMENTS = ["取得新成效", "全区", "，", "。", "、", "；", "：", ",", ";", ":", "\n", "\r\n", "\r", " ",
              "　", "100%", "http://a.cn/a,b;c", "。。。"]
_EVERY_UNIT = re.compile("")  # the scan finds every unit: each is read, as without routing


def _texts(count: int) -> list[str]:
    rnd = random.Random("stacked-points-routing")
    return ["".join(rnd.choice(_FRAGMENTS) for _ in range(rnd.randint(0, 40))) for _ in range(count)]


def _findings(texts: list[str]) -> list[list[tuple]]:
    return [[(d.start, d.end, d.message, d.location, d.fixes, d.fingerprint) for d in api.lint_text(t, select=["PUN011"])]
            for t in texts]


def test_routing_gives_the_findings_of_reading_every_unit(monkeypatch):
    texts = _texts(3_000)
    routed = _findings(texts)
    assert sum(1 for f in routed if f) > 1_000  # the texts do trip the rule
    monkeypatch.setattr(marks, "_TWO_POINTS", _EVERY_UNIT)
    assert routed == _findings(texts)


@pytest.mark.parametrize("wrong", [
    "[，。、；：]{2}",  # forgets the ASCII marks (，, is a finding)
    "[，。、；：,;:]{3}",  # three side by side
    "[，。、；：,;:]{2}(?=.)",  # a lookahead: misses a run that ends its paragraph
])
def test_a_wrong_scan_is_caught(monkeypatch, wrong):
    texts = _texts(3_000)
    plain = _findings(texts)
    monkeypatch.setattr(marks, "_TWO_POINTS", re.compile(wrong))
    assert _findings(texts) != plain
