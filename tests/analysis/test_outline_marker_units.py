"""The outline reads only the units that may open with a heading marker or a labelled first
item (outline._units_that_may_open_with_markers: one character per unit and one screened scan
of the text). Every unit _marker_of says anything of must be among them, and the headings,
marked scopes and silent units must be those of the loop over every unit, on thousands of
random plain-text, Markdown and HTML pages; finders that forget the indented units, the
labelled items or the screen's blanks are caught."""
from __future__ import annotations

import random
import re

import pytest

from gongwen.analysis import outline, route_screen
from gongwen.analysis.outline import _marker_of
from gongwen.analysis.routing import has_short_units
from gongwen.document import Document
from gongwen.formats import read_text_format

# Heading markers of every kind, labelled items (a colon, blanks, a digit), colons elsewhere,
# blanks of each kind before them, and lines that open nothing.
_LINES = ["一、", "二、a", "三、四季度", "（一）", "(二)", "（三）强化", "1.", "2. a", "3、", "0.", "4.5亿元",
          "8.6个", "1.6周岁", "7. b", "（1）", "(2)", "⑷", "⒇x", "4.2　总则", "4.2.1 范围", "附件：1.某某报告",
          "附件: 2.意见", "附件：　3、名单", "附件：\xa04.表", "时间：2024年", "地点：三楼", "说明:　5", "：1",
          "正文写了一句话。", "强化党建引领", "a", "-", "- a", "中", "1", "：", "项目|数量", "甲\t乙", "十",
          "（社区）", "第二部分", "具体如下：", "很长的一段正文，" * 5 + "附件：6.x"]
_BLANKS = ["", "", "", " ", "　", "\t", "\xa0", "　　", " \u3000", "　　　　　"]


def _line(rnd: random.Random) -> str:
    return rnd.choice(_BLANKS) + rnd.choice(_LINES) + rnd.choice(("", "", " ", "　"))


def _page(rnd: random.Random) -> Document:
    lines = [_line(rnd) for _ in range(rnd.randint(0, 25))]
    kind = rnd.random()
    if kind < 0.6:
        return Document(path="page.txt", text=rnd.choice(("\n", "\r\n", "\r", "\n\n")).join(lines) + rnd.choice(("", "\n")))
    if kind < 0.8:
        text = "".join(rnd.choice(("", "- ", "1. ", "> ", "# ")) + line + rnd.choice(("\n", "\n\n")) for line in lines)
        return read_text_format("markdown", text, "page.md", {})
    cells = "".join(f"<{rnd.choice(('p', 'td', 'li', 'div'))}>{line}" for line in lines)
    return read_text_format("html", f"<html><body><table><tr>{cells}</table></body></html>", "page.html", {})


@pytest.fixture(scope="module")
def pages() -> list[Document]:
    rnd = random.Random("outline marker units")
    return [_page(rnd) for _ in range(4_000)]


def _fresh(doc: Document) -> Document:
    """The document without its memos (the finder's units and the headings are cached)."""
    doc._memo.clear()
    return doc


def _misses(pages: list[Document]) -> int:
    """Units _marker_of says something of that the finder leaves out."""
    missed = 0
    for doc in pages:
        doc = _fresh(doc)
        kept = set(map(id, outline._units_that_may_open_with_markers(doc)))
        missed += sum(1 for u in doc.units if _marker_of(u.text) is not None and id(u) not in kept)
    return missed


def _differences(pages: list[Document], monkeypatch) -> int:
    found = [outline._headings(_fresh(d)) for d in pages]
    with monkeypatch.context() as m:
        m.setattr(outline, "_units_that_may_open_with_markers", lambda doc: doc.units)
        plain = [outline._headings(_fresh(d)) for d in pages]
    return sum(a != b for a, b in zip(found, plain))


def test_the_finder_keeps_every_unit_with_something_to_say(pages):
    assert all(u.index == i for d in pages for i, u in enumerate(d.units))  # positions are indexes
    assert _misses(pages) == 0
    said = [u.text for d in pages for u in d.units if _marker_of(u.text) is not None]
    assert len(said) > 20_000
    assert sum(1 for t in said if t.lstrip(outline.BLANKS)[:1] not in outline._MARKER_FIRST) > 500  # labelled
    assert sum(1 for t in said if t[:1] in outline.BLANKS) > 3_000  # indented
    assert sum(1 for d in pages if d.format != "text") > 1_000  # Markdown and HTML pages
    assert sum(1 for d in pages if has_short_units(d) and d.units) > 3_000  # the pages it reads from one scan


def test_the_headings_are_those_of_the_loop_over_every_unit(pages, monkeypatch):
    assert _differences(pages, monkeypatch) == 0
    assert sum(len(outline._headings(_fresh(d))[0]) for d in pages) > 10_000


def test_a_finder_that_skips_indented_units_is_caught(pages, monkeypatch):
    monkeypatch.setattr(outline, "_MAY_OPEN", re.compile("[" + re.escape("".join(outline._MARKER_FIRST)) + "]"))
    assert _misses(pages) > 0 and _differences(pages, monkeypatch) > 0


def test_a_finder_without_the_labelled_items_is_caught(pages, monkeypatch):
    monkeypatch.setattr(outline, "units_holding", lambda doc, pattern: ())
    assert _misses(pages) > 0 and _differences(pages, monkeypatch) > 0


def test_the_colon_pair_is_declared_with_every_blank():
    """The screen's pair: a colon right before a blank or a digit. Without the blanks, 附件：　3、
    would be skipped (the scanner would say the text holds no match)."""
    pattern = outline._COLON_BEFORE_ITEM
    first, second = route_screen._PAIRS[pattern]
    rnd = random.Random("colon pair")
    for _ in range(20_000):
        text = "".join(rnd.choice(["：", ":", "1", "　", " ", "\t", "\xa0", "a", "中", "\n"]) for _ in range(rnd.randint(0, 8)))
        if pattern.search(text):
            assert any(a in first and b in second for a, b in zip(text, text[1:])), text
    assert not any(a in first and b in second.replace("\u3000", "") for a, b in zip("附件：　3、", "件：　3、"))
