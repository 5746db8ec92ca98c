"""On a document of short units PUN017 (stray-space) reads only the units one scan of its text
finds holding a blank before a character outside ASCII (an inner space ends before a Han
character or a mark) or before the end of its line (a trailing one; Rule.route): over many
random documents its findings equal those of reading every unit its triggers wake, and routes
that forget a kind of space, a mark or a kind of line break are caught. A document whose units
do not each end a line (units made by hand) has each unit tested instead."""
from __future__ import annotations

import re

import pytest
from support import (assert_shortcut_caught, assert_shortcut_exact, fragment_texts,
                     take_every_document_for_short_units)

import gongwen.rules.punct_layout as layout
from gongwen.analysis import routing
from gongwen.document import Document, TextUnit

_FRAGMENTS = ["全面推进", "法治", "张", "三", "主任", "，", "。", "、", "“", "”", "- a", "1. a", "a", "1",
              " ", " ", "　", "\t", "\xa0", "\n", "\n", "\r\n", "\r", "\n\n", "第十二条", "联系人："]
_BLANKS = " \t\xa0\u3000"


def _texts(count: int) -> list[str]:
    return fragment_texts(_FRAGMENTS, "stray-space-routing", count, 30)


def test_routing_gives_the_findings_of_reading_every_unit(monkeypatch):
    take_every_document_for_short_units(monkeypatch)
    assert_shortcut_exact(monkeypatch, "PUN017", _texts(3_000), routing, "SHORT_UNITS", 0, 1_000)


@pytest.mark.parametrize("wrong", [
    rf"[{_BLANKS}](?:[\u4e00-\u9fff]|[\r\n]|\Z)",  # only before a Han character: forgets the marks
    rf"[{_BLANKS}][^\x00-\x7f]",  # forgets trailing spaces
    rf"[{_BLANKS}](?:[^\x00-\x7f]|\n|\Z)",  # forgets \r
    rf"[{_BLANKS}](?:[^\x00-\x7f]|[\r\n])",  # forgets the end of the text
    r"[ \u3000](?:[^\x00-\x7f]|[\r\n]|\Z)",  # forgets tabs and no-break spaces
])
def test_a_wrong_scan_is_caught(monkeypatch, wrong):
    take_every_document_for_short_units(monkeypatch)
    assert_shortcut_caught(monkeypatch, "PUN017", _texts(3_000), layout.StraySpace, "route", re.compile(wrong))


def test_units_that_do_not_end_a_line_are_each_tested():
    # "甲 " and "乙" joined by nothing: the trailing space is followed by 乙 in the text
    doc = Document(path="r.txt", text="甲 乙\n", units=(TextUnit(0, 2, "甲 ", "paragraph", 0),
                                                     TextUnit(2, 3, "乙", "paragraph", 1)))
    assert not routing.units_are_lines(doc)
    assert routing.units_holding_to_line_end(doc, layout._STRAY_SPACE_ROUTE, layout._STRAY_SPACE_ROUTE.search) == doc.units[:1]
    # a unit that does not start its line
    assert not routing.units_are_lines(Document(path="r.txt", text="x甲 \n", units=(TextUnit(1, 3, "甲 ", "paragraph", 0),)))
    assert routing.units_are_lines(Document(path="r.txt", text="x甲 \n", units=(TextUnit(0, 3, "x甲 ", "paragraph", 0),)))
    lines = Document(path="r.txt", text="甲 \n乙\r\n- a\n")
    assert routing.units_are_lines(lines)
    assert routing.units_holding_to_line_end(lines, layout._STRAY_SPACE_ROUTE, layout._STRAY_SPACE_ROUTE.search) == lines.units[:1]
