"""The outline's parts (gongwen.analysis.outline._parts) step over the units that can neither
be a top-level heading nor open a part: its parts and part numbers must be those of reading
every unit (the former loop, kept here as the reference), on random pages of headings, plan
and year lines, long prose and lines led or ended by every kind of blank. Stepping over a unit
by its first character before its blanks are stripped, or by its length before the strip, is
caught (the same loop reading only the units such a test would keep)."""
from __future__ import annotations

import random

import pytest

from gongwen.analysis import outline
from gongwen.analysis.outline import SECTION_HEADING, part_opener_reason, plan_heading_reason
from gongwen.document import Document


def _reading(doc: Document, read=lambda text: True) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The former loop over every unit (the reference); ``read``: a variant's choice of the
    units it reads, the others carrying the unit before's over."""
    parts, numbers, current, number = [], [], "review", 0
    for unit in doc.units:
        if read(unit.text):
            heading = SECTION_HEADING.match(unit.text)
            kind = current
            if heading and heading.group("top"):
                kind = "plan" if plan_heading_reason(unit.text) else "review"
            if kind != current or part_opener_reason(unit.text):
                number += 1
            current = kind
        parts.append(current)
        numbers.append(number)
    return tuple(parts), tuple(numbers)


# Blanks SECTION_HEADING's \s or str.strip know (and characters only one of them, or neither, does).
_BLANKS = ["", "", "", " ", "\u3000", "\u3000\u3000", "\xa0", "\t", "\x1c", "\u2028", "\x85", "\u2003", "\u200b",
           "\ufeff", "\u180e", "\x0b"]
_HEADS = ["一、", "二、", "十二、", "（一）", "(三)", "1.", "一是", "第二部分", "十", "一二三四、", "二、四季度", "附件：", ""]
_LONG = "全面推进乡村振兴，持续完善基础设施建设，不断提高公共服务水平，认真做好各项民生保障工作，确保落实到位。"
_BODIES = ["2025年工作安排", "工作回顾", "下一步打算", "2024年工作情况。", "主要目标", "推进改革", "计划", _LONG,
           "2024年全年地区生产总值增长5.2%，其中第一产业增加值增长3.1%，第二产业增长6.0%，第三产业增长5.5%。",
           "a", "x" * 59, "x" * 60, "x" * 61, "2025年工作安排" + "x" * 50, "安排" + "x" * 57, "安排" + "x" * 60, ""]


def _line(rnd: random.Random) -> str:
    return rnd.choice(_BLANKS) + rnd.choice(_HEADS) + rnd.choice(_BODIES) + rnd.choice(_BLANKS)


@pytest.fixture(scope="module")
def pages() -> list[Document]:
    rnd = random.Random("outline parts")
    return [Document(path="page.txt", text=rnd.choice(("\n", "\r\n", "\n\n")).join(
        _line(rnd) for _ in range(rnd.randint(0, 30)))) for _ in range(4_000)]


def test_parts_are_those_of_reading_every_unit(pages):
    assert sum(outline._parts(doc) != _reading(doc) for doc in pages) == 0
    found = [_reading(doc) for doc in pages]
    assert sum(numbers[-1] for _, numbers in found if numbers) > 10_000  # parts open, and often
    assert sum("plan" in parts for parts, _ in found) > 1_000


_CN = "一二三四五六七八九十"


@pytest.mark.parametrize("read", [
    lambda t: len(t.strip()) <= 60 or t[:1] in _CN,  # the first character before the blanks are stripped
    lambda t: len(t) <= 60 or t.lstrip()[:1] in _CN,  # the length before the strip
], ids=["first before the strip", "length before the strip"])
def test_a_wrong_choice_of_units_is_caught(pages, read):
    assert sum(_reading(doc, read) != _reading(doc) for doc in pages) > 0
