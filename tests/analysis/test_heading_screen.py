"""The headings' screen (gongwen.analysis.outline._marker_units, one C loop over the units'
starts) passes every unit that _marker_of may answer for: the headings, scopes and silent
markers found with it are those found when every unit is asked, on random pages of marker
lines, labelled first items with their colon at the edge of _LABEL_REACH, indented lines,
paragraphs of several lines, "\\r\\n" and units that are slices of a line. A screen narrower
by one character of reach, one marker character or the blanks it skips is caught."""
from __future__ import annotations

import random

import pytest

from gongwen.analysis import outline
from gongwen.document import Document, TextUnit

_trigger_scan = pytest.importorskip("gongwen.analysis._trigger_scan")

_LINES = ["一、", "二、a", "三、四季度", "（一）", "(二)强化", "1.", "2. a", "3、", "0.", "4.5亿元", "8.6个",
          "7. b", "（1）", "(2)", "⑷", "⒇ c", "十、", "4.2　总则", "4.2.1 范围", "正文写了一句话。", "中", "a",
          "附件：1.某某报告", "附件: 2.意见", "具体如下：", "一是：3.a", "甲乙丙丁戊己庚辛壬癸子：1.a"]
_BLANKS = [" ", "\t", "\u3000", "\xa0"]


def _line(rnd: random.Random) -> str:
    line = rnd.choice(_LINES)
    if rnd.random() < 0.4:  # indented: the colon of 附件：1. lands at 11, 12 or 13
        line = "".join(rnd.choices(_BLANKS, k=rnd.choice((1, 2, 8, 9, 10, 11)))) + line
    return line


def _pages(count: int, seed: str) -> list[Document]:
    rnd = random.Random(seed)
    docs = []
    for _ in range(count):
        text = rnd.choice(("\n", "\r\n", "\n\n", "\n\n\n")).join(_line(rnd) for _ in range(rnd.randint(1, 25)))
        if rnd.random() < 0.5:
            docs.append(Document(path="page.txt", text=text))
            continue
        # Units made by hand, each a slice of a line: a unit may open mid-line.
        units, start = [], 0
        for line in text.split("\n"):
            cut = rnd.randint(0, len(line))
            for a, b in ((start, start + cut), (start + cut, start + len(line))):
                if text[a:b].strip():
                    units.append(TextUnit(a, b, text[a:b], "paragraph", len(units)))
            start += len(line) + 1
        docs.append(Document(path="page.html", text=text, units=tuple(units)))
    return docs


@pytest.fixture(scope="module")
def pages() -> list[Document]:
    return _pages(1_500, "heading screen")


def _found(doc: Document):
    return outline._headings(Document(doc.path, doc.text, units=doc.units))


@pytest.fixture(scope="module")
def unscreened(pages):
    """What every unit asked finds (the reference)."""
    with pytest.MonkeyPatch.context() as m:
        m.setattr(outline, "_marker_units", lambda doc: doc.units)
        return [_found(d) for d in pages]


def _differ(pages: list[Document], unscreened) -> int:
    return sum(_found(d) != expected for d, expected in zip(pages, unscreened))


def test_the_screen_passes_every_unit_with_a_marker(pages, unscreened):
    assert _differ(pages, unscreened) == 0
    assert sum(len(f[0]) for f in unscreened) > 2_500
    assert sum("intro" in f[1].values() for f in unscreened) > 150  # labelled first items, tested
    screened = sum(len(outline._marker_units(d)) for d in pages)
    assert screened < 0.9 * sum(len(d.units) for d in pages)  # and the screen screens


def _narrower(monkeypatch, reach: int = 0, drop: str = "") -> None:
    kinds = bytearray(outline._head_kinds())
    for c in drop:
        kinds[ord(c)] = 0
    real = _trigger_scan.unit_heads
    monkeypatch.setattr(outline._trigger_scan, "unit_heads",
                        lambda text, starts, _, r: real(text, starts, bytes(kinds), r - reach))


@pytest.mark.parametrize("reach, drop", [(1, ""), (0, "("), (0, "⒇"), (0, "十"), (0, "\u3000"), (0, ":")])
def test_a_narrower_screen_is_caught(pages, unscreened, monkeypatch, reach, drop):
    _narrower(monkeypatch, reach, drop)
    assert _differ(pages, unscreened) > 0
