"""PUN007 finds the units that open with a marker's first character by one C loop over the
units' starts (punct_layout._marker_heads, _trigger_scan.unit_heads) instead of a Python test
of each unit: over random documents the units it reads, and what it finds in each, equal the
former loop's that tested every unit; the screen keeps every unit the test accepts."""
from __future__ import annotations

import pytest
from support import fragment_texts

from gongwen import api
import gongwen.rules.punct_layout as layout
from gongwen.analysis.routing import units_holding

_FRAGMENTS = ["（一）", "(2)", "①", "⑳", "一", "十二", "1", "12", "第三", "首先", "其次", "再次", "最后", "、", "，", ":",
              "：", ".", "。", "；", " ", "　", "\t", "\xa0", "\n", "\n\n", "\r\n", "强化党建引领", "2024年", "a", "【"]


def _former(doc):
    """units_with_ordinal_marks' prose path before the screen: every unit tested."""
    after_stop = units_holding(doc, layout._MARKER_AFTER_STOP)
    k = 0
    for unit in doc.units:
        routed = k < len(after_stop) and after_stop[k] is unit
        k += routed
        if routed:
            yield unit, layout.ordinal_marks(unit.text)
        elif layout._may_open_with_marker(unit.text):
            first = layout._ORDINAL_MARK.match(unit.text)
            yield unit, () if first is None else (first,)


def _read(pairs):
    return [(unit.start, unit.end, [m.span() for m in matches]) for unit, matches in pairs]


@pytest.mark.skipif(layout._trigger_scan is None, reason="the C scanner is not built")
def test_the_screened_units_are_the_former_loops(monkeypatch):
    monkeypatch.setattr(layout, "has_short_units", lambda doc: False)  # the prose path
    read = 0
    for text in fragment_texts(_FRAGMENTS, "ordinal-marks-heads", 4_000, 30):
        doc = api.document_from_text(text)
        got = _read(layout.units_with_ordinal_marks(doc))
        assert got == _read(_former(doc)), text
        heads = set(layout._marker_heads(doc))
        assert all(k in heads for k, u in enumerate(doc.units) if layout._may_open_with_marker(u.text))
        read += len(got)
    assert read > 4_000


def test_a_screen_missing_an_opening_is_caught(monkeypatch):
    """The comparison above can fail: a table without 第 as an opening drops 第三、 units."""
    monkeypatch.setattr(layout, "has_short_units", lambda doc: False)
    kinds = bytearray(layout._head_kinds())
    kinds[ord("第")] = 0
    monkeypatch.setattr(layout, "_head_kinds", lambda: bytes(kinds))
    texts = fragment_texts(_FRAGMENTS, "ordinal-marks-heads", 2_000, 30)
    assert any(_read(layout.units_with_ordinal_marks(api.document_from_text(t)))
               != _read(_former(api.document_from_text(t))) for t in texts)
