"""PUN007 (ordinal-marker-punct) reads only the units that may hold a match of _ORDINAL_MARK:
those opening with a marker's first character and those one scan of the document's text finds
holding a marker after 。；：;: (units_with_ordinal_marks); in a document of short units, those
one scan finds opening a line with a marker and its mark (_ORDINAL_MARK_AT_LINE). Over many
random documents of several paragraphs its findings equal those of matching every unit, on
either path, and wrong shortcuts are caught."""
from __future__ import annotations

import re

import pytest
from support import (assert_shortcut_caught, assert_shortcut_exact, fragment_texts,
                     take_every_document_for_short_units)

import gongwen.rules.punct_layout as layout

_FRAGMENTS = ["（一）", "(2)", "①", "一", "十二", "1", "12", "第三", "首先", "其次", "、", "，", ",", "：", ":",
              ".", "．", "。", "；", ";", " ", "　", "\t", "\n", "\r\n", "\r", "强化党建引领", "2.5%"]


def _texts(count: int) -> list[str]:
    return fragment_texts(_FRAGMENTS, "ordinal-marks-routing", count, 30)


def _every_unit(doc):
    """The plain reading: every unit matched in full."""
    return ((unit, layout._ORDINAL_MARK.finditer(unit.text)) for unit in doc.units)


def test_routing_gives_the_findings_of_matching_every_unit(monkeypatch):
    assert_shortcut_exact(monkeypatch, "PUN007", _texts(3_000), layout, "units_with_ordinal_marks", _every_unit, 300)


@pytest.mark.parametrize("attribute, wrong", [
    ("_MARKER_AFTER_STOP", re.compile(r"[。：;:][ \t\u3000\xa0]*[（(①-⑳]")),  # forgets ；
    ("_MARKER_AFTER_STOP", re.compile(r"[。；：;:][（(①-⑳]")),  # forgets the indent
    ("_PLAIN_MARKER_FIRST", frozenset("一二三四五六七八九十0123456789首其再最")),  # forgets 第
])
def test_a_wrong_shortcut_is_caught(monkeypatch, attribute, wrong):
    assert_shortcut_caught(monkeypatch, "PUN007", _texts(3_000), layout, attribute, wrong)


@pytest.mark.parametrize("short", [True, False], ids=["short units", "prose"])
def test_both_paths_give_the_findings_of_matching_every_unit(monkeypatch, short):
    take_every_document_for_short_units(monkeypatch, short)
    assert_shortcut_exact(monkeypatch, "PUN007", _texts(3_000), layout, "units_with_ordinal_marks", _every_unit, 300)


_LEAD = r"[ \t\u3000\xa0]*"


@pytest.mark.parametrize("wrong", [
    rf"\n{_LEAD}(?:{layout._BRACKETED_MARK}|{'|'.join(layout._PLAIN_MARKS)})",  # forgets \r
    rf"[\r\n](?:{layout._BRACKETED_MARK}|{'|'.join(layout._PLAIN_MARKS)})",  # forgets the indent
    rf"[\r\n]{_LEAD}(?:{layout._BRACKETED_MARK}|{'|'.join(layout._PLAIN_MARKS[:2])})",  # forgets 第一、
])
def test_a_wrong_line_scan_is_caught(monkeypatch, wrong):
    take_every_document_for_short_units(monkeypatch)
    assert_shortcut_caught(monkeypatch, "PUN007", _texts(3_000), layout, "_ORDINAL_MARK_AT_LINE",
                           re.compile(wrong, re.VERBOSE))


def _former_may_open_with_marker(text: str) -> bool:
    """The test before the first character was read without copying the text (the reference)."""
    lead = text.lstrip(layout.BLANKS)[:1]
    return lead in layout._PLAIN_MARKER_FIRST or layout._MARKER_START.match(lead) is not None


_OPENINGS = ["", " ", "　", "\t", "\xa0", "（", "(", "①", "⑳", "⑴", "一", "十", "1", "第", "首", "其", "再", "最",
             "强", "a", "【", "\n", "。"]


def _openings(count: int) -> list[str]:
    return fragment_texts(_OPENINGS, "ordinal-marks-openings", count, 6)


def test_the_first_character_test_is_the_former_one():
    texts = _openings(30_000)
    found = [layout._may_open_with_marker(t) for t in texts]
    assert found == [_former_may_open_with_marker(t) for t in texts]
    assert sum(found) > 5_000 and sum(1 for t, f in zip(texts, found) if f and t[:1] in layout.BLANKS) > 1_000


def test_a_first_character_test_that_forgets_the_indent_or_the_brackets_is_caught(monkeypatch):
    texts = _openings(30_000)
    expected = [_former_may_open_with_marker(t) for t in texts]
    monkeypatch.setattr(layout, "BLANKS", "")  # the indent not stepped over
    assert [layout._may_open_with_marker(t) for t in texts] != expected
    monkeypatch.undo()
    monkeypatch.setattr(layout, "_BRACKETED_FIRST", frozenset("（("))  # the circled numbers forgotten
    assert [layout._may_open_with_marker(t) for t in texts] != expected


def _line_scan_without_look_ahead() -> re.Pattern:
    """_ORDINAL_MARK_AT_LINE before its look-ahead for the alternatives' first characters."""
    return re.compile(rf"[\r\n]{_LEAD}(?:{layout._BRACKETED_MARK}|{'|'.join(layout._PLAIN_MARKS)})", re.VERBOSE)


_LINE_PIECES = ["\n", "\r\n", "\r", " ", "　", "\t", "\xa0", "（一）", "(2)", "①", "⑳", "一", "十二", "1", "12", "第三",
                "首先", "其次", "再次", "最后", "、", "，", ",", "：", ".", "．", "。", "-", "中", "a"]


def _line_texts(count: int) -> list[str]:
    return fragment_texts(_LINE_PIECES, "ordinal-marks-line-scan", count, 16)


def test_the_line_scan_s_look_ahead_changes_no_match():
    texts = _line_texts(30_000)
    plain, scan = _line_scan_without_look_ahead(), layout._ORDINAL_MARK_AT_LINE
    found = [[(m.span(), m.groupdict()) for m in scan.finditer(t)] for t in texts]
    assert found == [[(m.span(), m.groupdict()) for m in plain.finditer(t)] for t in texts]
    assert sum(1 for f in found if f) > 500


def test_a_look_ahead_without_最_is_caught():
    texts = _line_texts(30_000)
    source = layout._ORDINAL_MARK_AT_LINE.pattern
    wrong = re.compile(source.replace("第首其再最]", "第首其再]", 1), re.VERBOSE)
    assert wrong.pattern != source
    plain = _line_scan_without_look_ahead()
    assert any([m.span() for m in wrong.finditer(t)] != [m.span() for m in plain.finditer(t)] for t in texts)
