"""The outline's scan (gongwen.analysis.outline.structure) finds the headings first and asks
the other units whether they open a scope only when the document has headings. Its headings
and scopes must be those of the former single loop over every unit (kept here as the
reference), on random pages of heading lines, scope openers, table rows and one-word lines;
a second pass that asks a marked unit again, or a scan that forgets the tables, is caught."""
from __future__ import annotations

import random

import pytest

from gongwen.analysis import outline
from gongwen.analysis.outline import (BLANKS, _DECIMAL_SECTION, _LABELLED_FIRST_ITEM, _MARKER,
                                      _MARKER_FIRST, Heading, Structure, _scope_kind, heading_value)
from gongwen.analysis.tables import has_tables, in_table
from gongwen.document import Document


def _former_scan(doc: Document) -> Structure:
    """The scan before the two passes: every unit, in one loop (the reference)."""
    found, scopes = [], {}
    last_l3 = 0
    first_of_list = None
    tables = has_tables(doc)
    for unit in doc.units:
        if tables and in_table(doc, unit.start):
            continue
        text = unit.text
        opening = text[:1]
        indented = opening in BLANKS
        if indented:
            opening = text.lstrip(BLANKS)[:1]
        if opening in "0123456789" and _DECIMAL_SECTION.match(text):
            scopes[unit.index] = "part"
            continue
        head = text[:12]
        first = _LABELLED_FIRST_ITEM.match(text) if "：" in head or ":" in head else None
        if first:
            scopes[unit.index] = "intro"
            last_l3, first_of_list = int(first.group("l3")), None
            found.append(Heading(unit.index, "l3", last_l3, unit.start + first.start("l3"),
                                 unit.start + first.end()))
            continue
        m = _MARKER.match(text) if opening in _MARKER_FIRST else None
        kind = m.lastgroup if m else None
        raw = m.group(kind) if m else ""
        if kind == "l3amb":
            value = int(raw)
            continues = value == last_l3 + 1 or (value == 2 and first_of_list is not None)
            if value == 1 and not continues:
                lead = len(m.group()) - len(m.group().lstrip(BLANKS)) if indented else 0
                first_of_list = (len(found), Heading(unit.index, "l3", 1, unit.start + lead, unit.start + m.end()))
            kind = "l3" if continues else None
        if kind is None:
            scope = _scope_kind(text)
            if scope:
                scopes[unit.index] = scope
            continue
        value = heading_value(kind, raw)
        if value is None or value == 0:
            continue
        if kind == "l3" and value == 2 and first_of_list is not None:
            found.insert(*first_of_list)
            scopes.pop(first_of_list[1].unit, None)  # a heading, not the scope it looked like
        if kind in ("l1", "l2", "l3"):
            first_of_list = None
        if kind == "l3":
            last_l3 = value
        lead = len(m.group()) - len(m.group().lstrip(BLANKS)) if indented else 0
        found.append(Heading(unit.index, "l4" if kind == "l4c" else kind, value,
                             unit.start + lead, unit.start + m.end()))
    return Structure(tuple(found), scopes)


# Lines of every kind the scan tells apart, and one-word lines that open nothing.
_LINES = ["一、", "二、a", "三、四季度", "（一）", "(二)", "（三）强化", "1.", "2. a", "3、", "0.", "4.5亿元",
          "8.6个", "1.6周岁", "2.65周岁", "7. b", "（1）", "(2)", "⑷", "　1. a", " 二、b", "\t（2）", "第二部分", "第三章", "第四，",
          "具体如下：", "有以下几点", "2025年工作安排", "附件：1.某某报告", "附件: 2.意见", "4.2　总则",
          "4.2.1 范围", "正文写了一句话。", "强化党建引领", "a", "-", "- a", "中", "1", "：", "项目|数量",
          "合计|3", "甲\t乙\t丙", "　", "十", "（社区）"]


def _pages(count: int, seed: str) -> list[Document]:
    rnd = random.Random(seed)
    docs = []
    for _ in range(count):
        weights = [rnd.random() for _ in _LINES]
        lines = rnd.choices(_LINES, weights, k=rnd.randint(0, 30))
        text = rnd.choice(("\n", "\r\n", "\n\n")).join(lines) + "\n"
        docs.append(Document(path="page.txt", text=text))
    return docs


def _expected(doc: Document) -> Structure:
    former = _former_scan(doc)
    # Without a heading there is nothing for a scope to restart: none is recorded.
    return former if former.headings else Structure((), {})


@pytest.fixture(scope="module")
def pages() -> list[Document]:
    return _pages(4_000, "outline scan")


def _differ(pages: list[Document]) -> int:
    return sum(outline._scan(Document(d.path, d.text)) != _expected(d) for d in pages)


def test_the_scan_finds_what_the_former_loop_found(pages):
    assert _differ(pages) == 0
    found = [_former_scan(d) for d in pages]
    assert sum(len(s.headings) for s in found) > 10_000
    assert sum(1 for s in found if s.scopes and not s.headings) > 100  # scopes dropped, and tested
    assert sum(1 for s in found if "intro" in s.scopes.values() and s.headings) > 100


def test_a_second_pass_that_asks_marked_units_again_is_caught(pages, monkeypatch):
    """A unit with a marker of value 0 (0.) opens no scope, though its text looks like a title."""
    real = outline._headings
    monkeypatch.setattr(outline, "_headings", lambda doc: (*real(doc)[:2], set()))
    assert _differ(pages) > 0


def test_a_scan_that_forgets_the_tables_is_caught(pages, monkeypatch):
    """A table row (合计|3) is no title line, though it is short and has no full stop."""
    monkeypatch.setattr(outline, "in_table", lambda doc, offset: False)
    assert _differ(pages) > 0
