"""PUN018 finds the list items among the headings (a numbered line whose next sibling is on the
very next line) only once a first- or second-level heading ends in a mark. Its findings must be
those of finding them first (the former order, kept here), on random pages of heading lines
with and without 。, siblings on consecutive lines and apart, and body lines; a pass that takes
no heading for a list item differs from it on these pages."""
from __future__ import annotations

import random

import pytest

import gongwen.rules.punct_layout as layout
from gongwen.analysis.outline import LEVEL_NAMES, structure
from gongwen.analysis.text import BLANKS
from gongwen.document import Document


def _former(doc: Document, find_items: bool = True) -> dict:
    """The heading part of _heading_findings as it was: the items found first (none found when
    not ``find_items``: a wrong pass, to show the pages depend on them)."""
    found = {}
    levels = {"l1": [], "l2": []}
    marks = structure(doc).headings
    items = {a.unit for a, b in zip(marks, marks[1:])
             if b.kind == a.kind and b.value == a.value + 1 and b.unit == a.unit + 1} if find_items else set()
    if find_items:  # round 25: the document's last line heads nothing either
        last = max((u.index for u in doc.units if u.text.strip(BLANKS)), default=None)
        items |= {m.unit for m in marks if m.unit == last}
    for h in marks:
        u = doc.units[h.unit]
        if h.kind in levels and layout._is_standalone_heading(u.text, h.end - u.start):
            levels[h.kind].append((u, u.text.rstrip(BLANKS), h.end - u.start))
    for kind, headings in levels.items():
        marked = [(u, t, e) for u, t, e in headings if t[-1] in layout._HEADING_END]
        stray = [(u, t) for u, t, e in marked
                 if t[-1] == "。" and not layout._TITLE_INNER.search(t[e:-1]) and u.index not in items]
        if len(headings) - len(marked) >= 2 and len(marked) * 5 <= len(headings):
            for u, t in stray:
                found.setdefault(u.index, (LEVEL_NAMES[kind], len(t) - 1))
    return found


_CN = "一二三四五六七八九十"


def _page(rng: random.Random) -> str:
    lines, values = ["正文开始，说明情况。"], {"l1": 0, "l2": 0}
    for _ in range(rng.randint(1, 40)):
        kind = rng.choice(["l1", "l2", "l2", "body"])
        if kind == "body":
            lines.append(rng.choice(["这是正文。", "工作情况如下：", "1. a"]))
            continue
        values[kind] = values[kind] + 1 if rng.random() < 0.9 else 1
        n = _CN[(values[kind] - 1) % 10]
        marker = f"{n}、" if kind == "l1" else f"（{n}）"
        lines.append(marker + rng.choice(["主要工作", "存在问题", "加强管理。", "强化，提升。", "下一步安排"]))
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def pages() -> list[str]:
    rng = random.Random(31)
    return [_page(rng) for _ in range(4_000)]


def _heading_part(doc: Document) -> dict:
    return {i: f for i, f in layout._heading_findings(doc).items() if f[0] != "标题"}


def _differ(pages) -> int:
    return sum(_heading_part(Document("p.txt", p)) != _former(Document("p.txt", p)) for p in pages)


def test_the_findings_are_those_of_finding_the_items_first(pages):
    assert _differ(pages) == 0
    assert sum(1 for p in pages if _former(Document("p.txt", p))) > 200


def test_a_pass_that_takes_no_heading_for_an_item_is_caught(pages):
    assert sum(_heading_part(Document("p.txt", p)) != _former(Document("p.txt", p), find_items=False)
               for p in pages) > 0
