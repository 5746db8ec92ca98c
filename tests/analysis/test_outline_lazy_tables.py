"""The outline's heading pass asks whether a unit lies in a table (or is a table row's label)
only for a unit that may hold a marker, and finds the document's tables only when the first
such unit comes: a page of table rows and one-word lines never lays its tables out. It reads a
short unit's marker once per distinct text (_marker_of, offsets relative to the unit). Its
answer must be that of the pass that asked every unit first and read every marker (kept here
as the reference), on random pages of heading lines, table rows, row labels between rows and
one-word lines, with each kind of line break; a pass that forgets the tables or the row
labels, or a memo that keeps what depends on the unit before (8.6个) or loses the blanks
before a marker, is caught."""
from __future__ import annotations

import random

import pytest

from gongwen.analysis import outline
from gongwen.analysis.outline import (BLANKS, _DECIMAL_SECTION, _LABELLED_FIRST_ITEM, _MARKER,
                                      _MARKER_FIRST, Heading, _row_label, heading_value)
from gongwen.analysis.tables import has_tables, in_table
from gongwen.document import Document
from gongwen.formats import markdown


def _former_headings(doc: Document):
    """outline._headings as it was: every unit asked about the tables before its marker."""
    found, marked, silent = [], {}, set()
    last_l3 = 0
    tables = has_tables(doc)
    for unit in doc.units:
        if tables and (in_table(doc, unit.start) or _row_label(doc, unit)):
            continue
        text = unit.text
        opening = text[:1]
        indented = opening in BLANKS
        if indented:
            opening = text.lstrip(BLANKS)[:1]
        head = text[:12]
        labelled = "：" in head or ":" in head
        if not labelled and opening not in _MARKER_FIRST:
            continue
        if opening in "0123456789" and _DECIMAL_SECTION.match(text):
            marked[unit.index] = "part"
            continue
        first = _LABELLED_FIRST_ITEM.match(text) if labelled else None
        if first:
            marked[unit.index] = "intro"
            last_l3 = int(first.group("l3"))
            found.append(Heading(unit.index, "l3", last_l3, unit.start + first.start("l3"),
                                 unit.start + first.end()))
            continue
        m = _MARKER.match(text) if opening in _MARKER_FIRST else None
        kind = m.lastgroup if m else None
        raw = m.group(kind) if m else ""
        if kind == "l3amb":
            value = int(raw)
            kind = "l3" if value == last_l3 + 1 else None
        if kind is None:
            continue
        value = heading_value(kind, raw)
        if value is None or value == 0:
            silent.add(unit.index)
            continue
        if kind == "l3":
            last_l3 = value
        lead = len(m.group()) - len(m.group().lstrip(BLANKS)) if indented else 0
        found.append(Heading(unit.index, "l4" if kind == "l4c" else kind, value,
                             unit.start + lead, unit.start + m.end()))
    return tuple(found), marked, silent


# Heading lines, labelled items and section numbers; rows of pipe and tab tables (with and
# without figures, so that some tables have header rows), Markdown delimiter rows; and row
# labels that a run of rows either side makes a table's merged cell.
_LINES = ["一、", "二、粮食", "三、四季度", "（一）", "(二)", "1.", "2. a", "3、", "0.", "8.6个", "⑷", "7. b",
          "3.4亿", "　（2）b", "附件：0.某某",
          "　1. a", "附件：1.某某报告", "4.2　总则", "正文", "a", "- a", "第二部分", "具体如下：",
          "小麦|3", "稻谷|5", "项目|数量", "合计|8", "一、本年新收|2", "|a|b|", "|-|-|", "|1|2|",
          "甲\t乙", "1\t2", "（1）\t3", "二、工业|4|5", "一、农业"]

# A label written on its own line between rows of one width: a merged cell, unless the rows
# below have no figure first (a header row) or are of another width.
_LABELLED_ROWS = [["项目|数量", "小麦|3", "一、粮食", "稻谷|5", "合计|8"],
                  ["甲\t1", "乙\t2", "（二）油料", "丙\t3", "丁\t4"],
                  ["|a|1|", "|b|2|", "2. 其他", "|c|3|", "|d|4|"],
                  ["小麦|3", "稻谷|5", "三、工业", "指标|数值", "产值|9"],
                  ["小麦|3", "稻谷|5", "四、服务", "产值|9|1", "税收|2|3"]]


def _pages(count: int, seed: str) -> list[tuple[str, str]]:
    rnd = random.Random(seed)
    pages = []
    for _ in range(count):
        weights = [rnd.random() for _ in _LINES]
        lines = []
        for line in rnd.choices(_LINES, weights, k=rnd.randint(0, 40)):
            lines += rnd.choice(_LABELLED_ROWS) if rnd.random() < 0.1 else [line]
        text = rnd.choice(("\n", "\r\n", "\r", "\n", "\n\n")).join(lines) + "\n"
        pages.append((rnd.choice(("page.txt", "page.md")), text))
    return pages


def _document(path: str, text: str) -> Document:
    return markdown.read(text, path) if path.endswith(".md") else Document(path=path, text=text)


@pytest.fixture(scope="module")
def pages() -> list[tuple[str, str]]:
    return _pages(4_000, "outline lazy tables")


def _differ(pages) -> int:
    return sum(outline._headings(_document(*p)) != _former_headings(_document(*p)) for p in pages)


def test_the_heading_pass_finds_what_asking_every_unit_found(pages):
    assert _differ(pages) == 0
    docs = [_document(*p) for p in pages]
    assert sum(len(_former_headings(d)[0]) for d in docs) > 20_000
    # the pages hold tables whose rows would read as headings, and row labels between rows
    assert sum(1 for d in docs if has_tables(d)) > 1_000
    labels = sum(1 for d in docs if has_tables(d) for u in d.units
                 if not in_table(d, u.start) and u.text[:1] in _MARKER_FIRST and _row_label(d, u))
    assert labels > 100


def test_a_pass_that_forgets_the_tables_is_caught(pages, monkeypatch):
    monkeypatch.setattr(outline, "has_tables", lambda doc: False)
    assert _differ(pages) > 0


def test_a_pass_that_forgets_the_row_labels_is_caught(pages, monkeypatch):
    monkeypatch.setattr(outline, "_row_label", lambda doc, unit: False)
    assert _differ(pages) > 0


_marker_of = outline._marker_of


def _resolving_ambiguous(text):
    """Takes 8.6个 for item 8 whatever came before it."""
    got = _marker_of(text)
    return ("l3", *got[1:]) if got and got[0] == "l3amb" else got


def _without_lead(text):
    """Forgets the blanks before an indented marker."""
    got = _marker_of(text)
    return (got[0], got[1], 0, got[3] - got[2]) if got and len(got) == 4 and got[2] else got


@pytest.mark.parametrize("wrong", [_resolving_ambiguous, _without_lead])
def test_a_memo_of_the_wrong_answer_is_caught(pages, monkeypatch, wrong):
    monkeypatch.setattr(outline, "_marker_of", wrong)
    assert _differ(pages) > 0
