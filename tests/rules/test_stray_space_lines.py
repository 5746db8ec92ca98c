"""PUN017 judges prose line by line: a paragraph written over several lines may glue a
masthead or dateline (no sentence punctuation) under a sentence. The line holding a space is
found by binary search; it must agree with a plain scan of the lines."""
from __future__ import annotations

import bisect
import random

from gongwen.rules import punct_layout
from support import template_lines


def _plain_within(lines, start, end):
    return any(a <= start and end <= b for a, b in lines)


def _cases(count):
    rnd = random.Random("stray-space-lines")
    pieces = ["南江", "晚报", "\u3000", " ", "，", "。", "\n", "\r\n", "\r", "第5版", "城事"]
    for _ in range(count):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 14)))
        lines = punct_layout._unpunctuated_lines(text)
        for start in range(len(text)):
            yield text, lines, start, start + 1


def test_the_line_search_agrees_with_a_plain_scan():
    cases = list(_cases(3_000))
    assert sum(1 for _, lines, s, e in cases if _plain_within(lines, s, e)) > 500
    assert [c for c in cases if punct_layout._within_line(c[1], c[2], c[3]) != _plain_within(*c[1:])] == []


def test_a_search_that_misses_a_line_start_is_caught():
    def wrong(lines, start, end):
        i = bisect.bisect_left(lines, (start, 0)) - 1
        return i >= 0 and lines[i][0] <= start and end <= lines[i][1]

    assert any(wrong(*c[1:]) != _plain_within(*c[1:]) for c in _cases(3_000))


def test_only_lines_without_sentence_punctuation_after_a_sentence_are_layout():
    text = "编辑部整理，内容如下。\r\n南江晚报　第5版\n春季植树活动 举行。"
    assert [text[s:e] for s, e in punct_layout._unpunctuated_lines(text)] == ["南江晚报　第5版"]
    assert punct_layout._unpunctuated_lines("南江晚报　第5版") == []  # one line: the unit's own test
    wrapped = "依据本法所作的\n决定 全文\n。此后施行。"  # a sentence broken around a link
    assert punct_layout._unpunctuated_lines(wrapped) == []



def test_the_line_patterns_tried_at_line_starts_find_what_finditer_finds():
    # _SPACED_HEADING and _FIELD_LINE are tried only at line starts (regex tried their
    # lookbehind at every character of a page of one long line). Caught when tried and not
    # kept: line starts after \n only (\r alone breaks a line too), the text's start only.
    blanks = ["\u3000", " ", "\u3000\u3000", "\t", "\xa0", ""]
    templates = [
        (["", "\u3000"], ["", "第一章", "第十二节", "第一部分"], blanks, ["总", "目", "政"], blanks, ["则", "录", "府"],
         ["", "\u3000工", "作。"]),
        (["", "\u3000", "（"], ["主办单位：", "联系人：", "云州市气象台值班预报员："], ["县政府办公室", "陆晓蕾"], blanks,
         ["邮编：", "承办单位：", "，"], ["1234", "南江"], ["", "）", "。"])]
    rnd = random.Random("stray-space line starts")
    texts = [template_lines(rnd, templates) for _ in range(4_000)]
    for pattern in (punct_layout._SPACED_HEADING, punct_layout._FIELD_LINE):
        plain = [[m.span() for m in pattern.finditer(t)] for t in texts]
        assert sum(1 for p in plain if p) > 2_000 and sum(len(p) > 1 for p in plain) > 1_000
        assert [t for t, p in zip(texts, plain)
                if [m.span() for m in punct_layout.matches_at(pattern, t, punct_layout.LINE_START)] != p] == []


def _plain_holds(rows, pos: int) -> bool:
    """_AlignedRows.holds without its first test (a line next to it of enough cells)."""
    k = bisect.bisect_right(rows.starts, pos) - 1
    cells = rows._cells(k)
    if cells >= punct_layout.MIN_ROW_CELLS and rows._matched(k):
        return True
    return cells >= 2 and any(0 <= j < len(rows.starts) and rows._cells(j) >= punct_layout.MIN_ROW_CELLS
                              and rows._matched(j) and rows._indent(j) == rows._indent(k) for j in (k - 1, k + 1))


def test_a_table_row_is_found_as_without_the_neighbours_test():
    # holds() first asks whether a line next to the one asked about has enough cells, when that
    # line is the longest (a page on one line has thousands of cells); compared with the plain
    # expression at every blank of 3,000 texts of table rows, padded names, prose and long
    # lines (670,000 blanks, 19,786 of them in rows). Caught when tried and not kept: more
    # cells than MIN_ROW_CELLS asked of the neighbour (1,032 answers differ), the line before
    # alone (6,243).
    gap = ["\u3000", "\t", "  ", "\u3000\u3000"]
    templates = [(["", "\u3000"], ["序号", "1", "郑\u3000斌"], gap, ["企业名称", "黄春林；秘书股"], gap, ["资质", "不开放"],
                  ["", "\u3000有效期", "  2026"]),
                 (["", "\u3000\u3000"], ["游泳馆", "副县长"], gap, ["不开放（设备检修）", "莫志勇"]),
                 (["全面推进法治", "县政府"], [" ", "\u3000", ""], ["政府建设，取得新成效。", "办公室"])]
    rnd = random.Random("aligned rows")
    asked = rows_found = differ = 0
    for _ in range(3_000):
        text = template_lines(rnd, templates, long_line="甲\u3000乙，" * 300)
        rows = punct_layout._AlignedRows(text)
        for pos, ch in enumerate(text):
            if ch in "\u3000\t ":
                asked += 1
                plain = _plain_holds(rows, pos)
                rows_found += plain
                differ += rows.holds(pos) != plain
    assert asked > 100_000 and rows_found > 10_000 and differ == 0
