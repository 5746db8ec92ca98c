"""On a document of short units PUN009 (dash-form) reads only the units one scan of its text
finds holding two dashes side by side or a hyphen before a character outside ASCII (Rule.route;
a Han character is one): over many random documents its findings equal those of reading every
unit its triggers wake, and routes that forget a dash or the hyphen are caught."""
from __future__ import annotations

import re

import pytest
from support import (assert_shortcut_caught, assert_shortcut_exact, fragment_texts,
                     take_every_document_for_short_units)

import gongwen.rules.punct_marks as marks
from gongwen.analysis import routing

_FRAGMENTS = ["中国", "东盟", "2021", "2025年", "a", "- a", "-", "-", "—", "—", "――", "─", "－", "–",
              "，", "。", "=", "收入", "\n", "\r\n", "\r", " ", "《规划（", "）》", "http://a.cn/a--b"]


def _texts(count: int) -> list[str]:
    return fragment_texts(_FRAGMENTS, "dash-form-routing", count, 30)


def test_routing_gives_the_findings_of_reading_every_unit(monkeypatch):
    take_every_document_for_short_units(monkeypatch)
    assert_shortcut_exact(monkeypatch, "PUN009", _texts(3_000), routing, "SHORT_UNITS", 0, 1_000)


@pytest.mark.parametrize("wrong", [
    r"[―─－\-–][―─－\-–]|-[^\x00-\x7f]",  # forgets the em dash (——, —— between numbers)
    r"[―─－\-–—][―─－\-–—]",  # forgets the hyphen between Han characters
    r"[―─－\-–—]{3}|-[^\x00-\x7f]",  # three dashes
])
def test_a_wrong_scan_is_caught(monkeypatch, wrong):
    take_every_document_for_short_units(monkeypatch)
    assert_shortcut_caught(monkeypatch, "PUN009", _texts(3_000), marks.DashForm, "route", re.compile(wrong))
