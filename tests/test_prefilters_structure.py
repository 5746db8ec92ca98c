"""Shortcuts in FMT009 (near-duplicate lines) must give what the plain computation gave.

- A line is matched against the label pattern (附件：, 2.1　) only when it holds a colon in its
  first ten characters or opens with one or two digits and then . ． 、 or a blank; every other
  line has no label.
- A line is searched for a byline only when it holds a blank; a byline sets its role and names
  apart with one.

Each is compared with the plain computation on random lines made of labels, numbers, colons,
blanks, byline words and titles, and a shortcut that is too narrow is shown to be caught.
"""
from __future__ import annotations

import random

from gongwen.analysis import lexicon
from gongwen.analysis.bylines import byline_spans
from gongwen.document import Document
from gongwen.rules import structure_lines


def _pieces() -> list[str]:
    bylines = lexicon.table("bylines.toml")
    return (["附件", "附件2", "材料清单目录汇编", "一二三", "2", "2.1", "2.1.1", "12", "：", ":", ".", "．", "、",
             " ", "\u3000", "\xa0", "\t", "关于", "报告", "通知", "意见", "张三", "李四", "王小明", "摄",
             "（", "）", "2024", "年", "雁峰区人民政府", "法治政府建设", "。", "，"]
            + bylines["roles"] + bylines["qualifiers"] + bylines["own-sources"])


def _lines(count: int) -> list[str]:
    rnd = random.Random("structure-lines")
    pieces = _pieces()
    return ["".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 9))) for _ in range(count)]


def _plain_title_lines(monkeypatch, text: str):
    with monkeypatch.context() as m:
        m.setattr(structure_lines, "_may_have_label", lambda body: True)
        doc = Document(path="t.txt", text=text)
        return [structure_lines._title_line(doc, u) for u in doc.units]


def _title_line_differences(monkeypatch, count: int = 3_000) -> list[str]:
    rnd = random.Random("title-lines")
    lines = _lines(count)
    bad = []
    for i in range(0, len(lines), 3):
        text = "\n".join(lines[i:i + 3]) + rnd.choice(["", "\n"])
        doc = Document(path="t.txt", text=text)
        if [structure_lines._title_line(doc, u) for u in doc.units] != _plain_title_lines(monkeypatch, text):
            bad.append(text)
    return bad


def test_lines_skipped_by_the_label_shortcut_have_no_label(monkeypatch):
    assert _title_line_differences(monkeypatch) == []


def test_a_label_shortcut_that_looks_too_close_is_caught(monkeypatch):
    monkeypatch.setattr(structure_lines, "_LABEL_COLON_REACH", 4)  # 材料清单目录汇编2：… has its colon further
    assert _title_line_differences(monkeypatch)


def test_a_number_label_shortcut_that_forgets_a_separator_is_caught(monkeypatch):
    monkeypatch.setattr(structure_lines, "_NUMBER_LABEL_END", ".．、 ")  # 3　（ideographic space）
    assert _title_line_differences(monkeypatch)


def _plain_is_byline(line: str) -> bool:
    return any(s == 0 and e == len(line) for s, e in byline_spans(line))


def test_lines_without_a_blank_are_no_bylines():
    lines = _lines(20_000)
    assert sum(map(_plain_is_byline, lines)) > 20, "the random lines hold too few bylines to prove anything"
    assert [line for line in lines if structure_lines._is_byline(line) != _plain_is_byline(line)] == []


def test_a_blank_test_that_misses_the_ideographic_space_is_caught():
    def narrow(line: str) -> bool:
        return " " in line and _plain_is_byline(line)

    assert any(narrow(line) != _plain_is_byline(line) for line in _lines(20_000))
