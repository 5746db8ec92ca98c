"""Line index, offsets and paragraph units."""
from __future__ import annotations

from gongwen.document import Document, LineIndex, Location, OffsetMap, line_starts, split_lines_into_units


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


def _plain_units(text: str) -> list[tuple[int, int]]:
    """The paragraph spans by the rule itself, without shortcuts: a blank line is a gap
    between two non-blank lines that holds two or more line breaks."""
    import re

    lines = [m.span() for m in re.finditer(r"[^\r\n]+", text) if m.group().strip()]
    if not lines:
        return []
    blank = [len(re.findall(r"\r\n|\r|\n", text[end:start])) >= 2
             for (_, end), (start, _) in zip(lines, lines[1:])]
    if sum(blank) * 7 < len(lines) - 1 or sum(blank) == len(lines) - 1:
        return lines
    spans, (cur_start, cur_end) = [], lines[0]
    for (start, end), gap in zip(lines[1:], blank):
        if gap:
            spans.append((cur_start, cur_end))
            cur_start = start
        cur_end = end
    return spans + [(cur_start, cur_end)]


def _random_layout(rnd) -> str:
    """Short lines, breaks of every kind, blank and whitespace-only lines in any mix."""
    pieces = ["甲", "乙。", " ", "\u3000", "\t", "\n", "\r", "\r\n", "\n\n", "\r\n\r\n", "\n \n", "\x85", "\u2028"]
    return "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 40)))


def test_paragraph_split_agrees_with_the_plain_rule_on_random_layouts():
    """The split skips the scan of a gap that is one line break (\n, \r or \r\n); on every
    layout it must give the spans the plain rule gives, and the line starts a plain scan gives."""
    _check_random_layouts("layouts", _random_layout)


def _check_random_layouts(seed: str, layout) -> None:
    import random
    import re

    rnd = random.Random(seed)
    blank_separated = 0
    for _ in range(20_000):
        text = layout(rnd)
        units = split_lines_into_units(text)
        assert [(u.start, u.end) for u in units] == _plain_units(text), repr(text)
        assert all(u.text == text[u.start:u.end] and u.index == i and u.kind == "paragraph"
                   for i, u in enumerate(units))
        blank_separated += any("\n" in u.text or "\r" in u.text for u in units)
        assert LineIndex(text).starts == [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    assert blank_separated > 1_000  # both conventions were exercised


def test_a_gap_shortcut_that_ignores_the_second_break_would_be_caught(monkeypatch):
    """The comparison above can fail: taking every gap of two characters for one line break
    (so \n\n for no blank line) changes the split of some random layout."""
    import random

    from gongwen import document

    def wrong(text: str, end: int, start: int) -> bool:
        return start - end > 2 and len(document._NEWLINE.findall(text, end, start)) >= 2

    monkeypatch.setattr(document, "_has_blank_line", wrong)
    rnd = random.Random("layouts")
    texts = [_random_layout(rnd) for _ in range(20_000)]
    assert any([(u.start, u.end) for u in split_lines_into_units(t)] != _plain_units(t) for t in texts)


def _newline_only_layout(rnd) -> str:
    """Layouts with \\n as the only line break: the split's fast path (one str.split)."""
    pieces = ["甲", "乙。", " ", "\u3000", "\t", "\n", "\n\n", "\n \n", "\n\u3000\n", "\x85", "\u2028"]
    return "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 40)))


def test_newline_only_split_agrees_with_the_plain_rule():
    """Text without \r is split by str.split and a gap is blank when longer than its \n; on
    every such layout that must give the spans the plain rule gives, in both conventions."""
    _check_random_layouts("newline-only", _newline_only_layout)


def test_a_newline_only_gap_test_one_off_would_be_caught(monkeypatch):
    """The comparison above can fail: a fast path that takes a gap of two characters for no
    blank line (``> 2`` instead of ``> 1``: "\\n\\n" between two lines) splits differently."""
    import random

    from gongwen import document

    real = document._lines_and_gaps

    def wrong(text: str):
        lines, _ = real(text)
        return lines, [start - end > 2 for (_, end), (start, _) in zip(lines, lines[1:])]

    monkeypatch.setattr(document, "_lines_and_gaps", wrong)
    monkeypatch.setattr(document, "_line_units", None)  # the Python path (_line_units.c: test_line_units.py)
    rnd = random.Random("newline-only")
    texts = [_newline_only_layout(rnd) for _ in range(20_000)]
    assert any([(u.start, u.end) for u in split_lines_into_units(t)] != _plain_units(t) for t in texts)


def test_line_starts_of_lf_only_texts_are_the_plain_scans():
    """A text without \r has its line starts from str.split: on texts of \n and the characters
    str.splitlines (wrongly, here) also breaks on, the starts the plain scan gives."""
    import random
    import re

    rnd = random.Random("lf only")
    pieces = ["甲", "乙。", " ", "\u3000", "\t", "\n", "\n\n", "\x85", "\u2028", "\x0b", "\x0c", "\x1c", "𠀀"]
    breaks = 0
    for _ in range(5_000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 30)))
        assert line_starts(text) == [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)], repr(text)
        breaks += text.count("\n")
    assert breaks > 10_000
