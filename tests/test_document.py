"""Line index, offsets and paragraph units."""
from __future__ import annotations

from gongwen.document import Document, LineIndex, Location, OffsetMap, split_lines_into_units


def test_lines_split_on_lf_crlf_and_cr_only():
    text = "甲\r\n乙\r丙\n丁\u2028戊\x85己\x1c庚"
    index = LineIndex(text)
    assert index.line_count == 4
    assert [index.line_text(i) for i in range(1, 5)] == ["甲", "乙", "丙", "丁\u2028戊\x85己\x1c庚"]
    assert index.locate(text.index("庚")) == Location(4, 7)


def test_locate_and_offset_round_trip_every_offset():
    text = "第一行\r\n\r\n第三行\r第四行\n"
    index = LineIndex(text)
    for offset in range(len(text) + 1):
        loc = index.locate(offset)
        if offset < len(text) and text[offset] == "\n" and offset > 0 and text[offset - 1] == "\r":
            continue  # inside a \r\n pair: not a position a user can point at
        assert index.offset(loc) == offset


def test_columns_count_code_points_not_bytes_or_cells():
    doc = Document(path="x", text="“２０２５”年𠀀2025127")
    assert doc.locate(doc.text.index("2025127")) == Location(1, 9)


def test_offset_map_shifts_through_anchors():
    m = OffsetMap([(0, 10), (5, 30)])
    assert (m.to_source(0), m.to_source(4), m.to_source(5), m.to_source(7)) == (10, 14, 30, 32)
    assert OffsetMap().to_source(7) == 7


def test_one_paragraph_per_line_when_lines_are_not_blank_separated():
    units = split_lines_into_units("标题\n第一段。\n第二段。\n")
    assert [u.text for u in units] == ["标题", "第一段。", "第二段。"]


def test_blank_line_separated_paragraphs_keep_their_broken_lines_together():
    text = "依据《\n中华人民共和国著作权法\n》第五条。\n\n第二段。\n\n第三段。\n\n第四段。"
    units = split_lines_into_units(text)
    assert units[0].text == "依据《\n中华人民共和国著作权法\n》第五条。"
    assert [u.index for u in units] == [0, 1, 2, 3]
    assert all(text[u.start:u.end] == u.text for u in units)
